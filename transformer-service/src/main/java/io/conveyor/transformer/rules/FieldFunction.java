package io.conveyor.transformer.rules;

/**
 * A per-value transform or check that a {@link FieldRule} applies to each selected field. It is
 * only called with non-null values: null handling belongs to the required, default and null-token
 * rules. A check returns its argument unchanged.
 */
public interface FieldFunction {

    /** The rule kind this function implements, as users write it ("coerce", "trim", "regex", ...). */
    String name();

    Object apply(Object value) throws InvalidValueException;
}
