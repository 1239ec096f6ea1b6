package io.conveyor.transformer.coerce;

import io.conveyor.transformer.rules.FieldFunction;

/**
 * Converts a field value to a target type. Text is stripped of surrounding whitespace first;
 * values that already have the target type pass unchanged. A value that cannot be converted is
 * refused with a message naming the value, the target type and the reason.
 */
public sealed interface Coercion extends FieldFunction
        permits WholeNumberCoercion, DoubleCoercion, DecimalCoercion, BooleanCoercion, DateCoercion, TimestampCoercion {

    /** The target type as users write it, such as {@code "decimal(10,2)"}. */
    String targetType();

    @Override
    default String name() {
        return "coerce";
    }
}
