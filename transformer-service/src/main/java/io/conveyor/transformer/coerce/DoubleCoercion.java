package io.conveyor.transformer.coerce;

import io.conveyor.transformer.rules.InvalidValueException;
import java.math.BigDecimal;

/** Coerces to double. NaN and infinities are refused: no sink column type treats them alike. */
public final class DoubleCoercion implements Coercion {

    private final NumberSyntax syntax;

    public DoubleCoercion(NumberSyntax syntax) {
        this.syntax = syntax;
    }

    @Override
    public String targetType() {
        return "double";
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        if (value instanceof Double d && Double.isFinite(d)) {
            return value;
        }
        double result;
        if (value instanceof CharSequence text) {
            BigDecimal decimal = NumberText.parseDecimal(text.toString().strip(), syntax);
            if (decimal == null) {
                throw CoercionFailure.of(this, value, "not a number");
            }
            result = decimal.doubleValue();
        } else if (value instanceof Number number) {
            result = number.doubleValue();
        } else {
            throw CoercionFailure.of(this, value, "not a number");
        }
        if (!Double.isFinite(result)) {
            throw CoercionFailure.of(this, value, "out of double range");
        }
        return result;
    }
}
