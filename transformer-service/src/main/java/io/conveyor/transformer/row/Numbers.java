package io.conveyor.transformer.row;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Exact conversions between the numeric types a row may hold. */
public final class Numbers {

    private Numbers() {
    }

    public static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }

    /**
     * The exact whole-number value of {@code number}.
     *
     * @throws ArithmeticException when it has a fractional part, is not finite or exceeds long
     */
    public static long exactLong(Number number) {
        if (isIntegral(number)) {
            return number.longValue();
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        if (number instanceof BigInteger integer) {
            return integer.longValueExact();
        }
        double d = number.doubleValue();
        if (Double.isFinite(d) && d == Math.rint(d) && d >= Long.MIN_VALUE && d < 0x1p63) {
            return (long) d;
        }
        throw new ArithmeticException("not a whole number within the long range");
    }

    /**
     * The exact decimal value of {@code number}; a double becomes its shortest decimal string,
     * so 0.1 stays 0.1.
     *
     * @throws ArithmeticException for NaN and infinities
     */
    public static BigDecimal toBigDecimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (isIntegral(number)) {
            return BigDecimal.valueOf(number.longValue());
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        double d = number.doubleValue();
        if (!Double.isFinite(d)) {
            throw new ArithmeticException(d + " has no decimal value");
        }
        return number instanceof Float f ? new BigDecimal(f.toString()) : BigDecimal.valueOf(d);
    }
}
