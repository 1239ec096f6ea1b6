package io.conveyor.transformer.coerce;

import io.conveyor.transformer.row.Values;
import io.conveyor.transformer.rules.InvalidValueException;

/** Builds the one message shape every coercion failure has: value, target type, reason. */
final class CoercionFailure {

    private CoercionFailure() {
    }

    static InvalidValueException of(Coercion coercion, Object value, String reason) {
        return of(coercion, value, reason, null);
    }

    static InvalidValueException of(Coercion coercion, Object value, String reason, Throwable cause) {
        return new InvalidValueException(
                "cannot coerce " + Values.quote(value) + " to " + coercion.targetType() + ": " + reason, cause);
    }
}
