package io.conveyor.transformer.validate;

import io.conveyor.transformer.row.Values;
import io.conveyor.transformer.rules.FieldFunction;
import io.conveyor.transformer.rules.InvalidValueException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Requires the value to be one of a fixed set (an enumeration). Values are compared in their
 * string form, so the allowed values 1 and "1" both accept the Integer 1.
 */
public final class AllowedValues implements FieldFunction {

    private final Set<String> allowed;
    private final boolean ignoreCase;

    public AllowedValues(Collection<?> values, boolean ignoreCase) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an allowed-values rule needs at least one value");
        }
        this.ignoreCase = ignoreCase;
        Set<String> normalised = new LinkedHashSet<>();
        for (Object value : values) {
            normalised.add(normalise(String.valueOf(value)));
        }
        this.allowed = normalised;
    }

    @Override
    public String name() {
        return "allowed-values";
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        if (!allowed.contains(normalise(value.toString()))) {
            throw new InvalidValueException(Values.quote(value) + " is not one of " + allowed
                    + (ignoreCase ? " (ignoring case)" : ""));
        }
        return value;
    }

    private String normalise(String text) {
        return ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
    }
}
