package io.conveyor.transformer.validate;

import io.conveyor.transformer.row.Values;
import io.conveyor.transformer.rules.FieldFunction;
import io.conveyor.transformer.rules.InvalidValueException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Requires the whole value to match a java.util.regex pattern (no implicit anchoring needed).
 * Non-text values are matched in their string form.
 */
public final class PatternCheck implements FieldFunction {

    private final Pattern pattern;

    public PatternCheck(String regex) {
        try {
            this.pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "regex";
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        CharSequence text = value instanceof CharSequence chars ? chars : value.toString();
        if (!pattern.matcher(text).matches()) {
            throw new InvalidValueException(Values.quote(value) + " does not match " + pattern.pattern());
        }
        return value;
    }
}
