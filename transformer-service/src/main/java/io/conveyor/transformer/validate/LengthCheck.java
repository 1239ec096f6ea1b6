package io.conveyor.transformer.validate;

import io.conveyor.transformer.row.Values;
import io.conveyor.transformer.rules.FieldFunction;
import io.conveyor.transformer.rules.InvalidValueException;
import java.util.Collection;

/**
 * Requires text to have between min and max characters (inclusive; either may be omitted), or a
 * list to have between min and max elements. Characters are Unicode code points, so an emoji
 * counts once, as a database column length would.
 */
public final class LengthCheck implements FieldFunction {

    private final Integer min;
    private final Integer max;

    public LengthCheck(Integer min, Integer max) {
        if (min == null && max == null) {
            throw new IllegalArgumentException("a length rule needs a min, a max or both");
        }
        if (min != null && min < 0 || max != null && max < 0 || min != null && max != null && min > max) {
            throw new IllegalArgumentException("invalid length bounds min=" + min + " max=" + max);
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public String name() {
        return "length";
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        int length = lengthOf(value);
        if (min != null && length < min) {
            throw new InvalidValueException(Values.quote(value) + " has length " + length + ", less than the minimum " + min);
        }
        if (max != null && length > max) {
            throw new InvalidValueException(Values.quote(value) + " has length " + length + ", more than the maximum " + max);
        }
        return value;
    }

    private static int lengthOf(Object value) throws InvalidValueException {
        if (value instanceof CharSequence text) {
            return Character.codePointCount(text, 0, text.length());
        }
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        throw new InvalidValueException("expected text or a list, got " + Values.quote(value));
    }
}
