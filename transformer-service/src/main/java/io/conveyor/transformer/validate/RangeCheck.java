package io.conveyor.transformer.validate;

import io.conveyor.transformer.row.Numbers;
import io.conveyor.transformer.row.Values;
import io.conveyor.transformer.rules.FieldFunction;
import io.conveyor.transformer.rules.InvalidValueException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Requires a number, date or timestamp to lie within inclusive bounds; either bound may be
 * omitted. The value must already have the bound's type (coerce text first): comparing "10" with
 * 9 as text would silently give the wrong answer.
 */
public final class RangeCheck<T extends Comparable<? super T>> implements FieldFunction {

    private final T min;
    private final T max;
    private final String expected;
    private final ValueReader<T> reader;

    private RangeCheck(T min, T max, String expected, ValueReader<T> reader) {
        if (min == null && max == null) {
            throw new IllegalArgumentException("a range rule needs a min, a max or both");
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("range min " + plain(min) + " is greater than max " + plain(max));
        }
        this.min = min;
        this.max = max;
        this.expected = expected;
        this.reader = reader;
    }

    public static RangeCheck<BigDecimal> numbers(BigDecimal min, BigDecimal max) {
        return new RangeCheck<>(min, max, "a number", value -> value instanceof Number number && isFinite(number)
                ? Numbers.toBigDecimal(number) : null);
    }

    public static RangeCheck<LocalDate> dates(LocalDate min, LocalDate max) {
        return new RangeCheck<>(min, max, "a date", value -> value instanceof LocalDate date ? date : null);
    }

    public static RangeCheck<Instant> timestamps(Instant min, Instant max) {
        return new RangeCheck<>(min, max, "a timestamp", value -> value instanceof Instant instant ? instant : null);
    }

    @Override
    public String name() {
        return "range";
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        T comparable = reader.read(value);
        if (comparable == null) {
            throw new InvalidValueException("expected " + expected + " (coerce the field first), got " + Values.quote(value));
        }
        if (min != null && comparable.compareTo(min) < 0) {
            throw new InvalidValueException(Values.quote(value) + " is less than the minimum " + plain(min));
        }
        if (max != null && comparable.compareTo(max) > 0) {
            throw new InvalidValueException(Values.quote(value) + " is greater than the maximum " + plain(max));
        }
        return value;
    }

    /** Bounds as users write them: "100", never BigDecimal's "1E+2". */
    private static String plain(Object bound) {
        return bound instanceof BigDecimal decimal ? decimal.toPlainString() : bound.toString();
    }

    private static boolean isFinite(Number number) {
        return !(number instanceof Double || number instanceof Float) || Double.isFinite(number.doubleValue());
    }

    /** The value as the bound type, or null when it has another type. */
    @FunctionalInterface
    private interface ValueReader<T> {
        T read(Object value);
    }
}
