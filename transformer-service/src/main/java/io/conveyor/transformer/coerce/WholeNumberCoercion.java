package io.conveyor.transformer.coerce;

import io.conveyor.transformer.row.Numbers;
import io.conveyor.transformer.rules.InvalidValueException;
import java.math.BigDecimal;

/**
 * Coerces to int or long. Text may be written as a decimal ("12.0", "1.2e3") as long as its
 * value is whole and in range; a fraction is refused, never truncated.
 */
public final class WholeNumberCoercion implements Coercion {

    private final String targetType;
    private final long min;
    private final long max;
    private final boolean toInt;
    private final NumberSyntax syntax;

    private WholeNumberCoercion(boolean toInt, NumberSyntax syntax) {
        this.toInt = toInt;
        this.targetType = toInt ? "int" : "long";
        this.min = toInt ? Integer.MIN_VALUE : Long.MIN_VALUE;
        this.max = toInt ? Integer.MAX_VALUE : Long.MAX_VALUE;
        this.syntax = syntax;
    }

    public static WholeNumberCoercion toInt(NumberSyntax syntax) {
        return new WholeNumberCoercion(true, syntax);
    }

    public static WholeNumberCoercion toLong(NumberSyntax syntax) {
        return new WholeNumberCoercion(false, syntax);
    }

    @Override
    public String targetType() {
        return targetType;
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        if (toInt ? value instanceof Integer : value instanceof Long) {
            return value;
        }
        long whole = wholeValue(value);
        if (whole < min || whole > max) {
            throw CoercionFailure.of(this, value, "out of " + targetType + " range");
        }
        if (toInt) {
            return (int) whole;
        }
        return whole;
    }

    private long wholeValue(Object value) throws InvalidValueException {
        if (value instanceof CharSequence text) {
            return parse(value, text.toString().strip());
        }
        if (value instanceof Number number) {
            return exact(value, number);
        }
        throw CoercionFailure.of(this, value, "not a number");
    }

    private long parse(Object value, String text) throws InvalidValueException {
        if (syntax == NumberSyntax.PLAIN && NumberText.isShortInteger(text)) {
            return Long.parseLong(text);
        }
        BigDecimal decimal = NumberText.parseDecimal(text, syntax);
        if (decimal == null) {
            throw CoercionFailure.of(this, value, "not a number");
        }
        return exact(value, decimal);
    }

    private long exact(Object value, Number number) throws InvalidValueException {
        if (hasFraction(number)) {
            throw CoercionFailure.of(this, value, "has a fractional part");
        }
        try {
            return Numbers.exactLong(number);
        } catch (ArithmeticException e) {
            throw CoercionFailure.of(this, value, "out of " + targetType + " range");
        }
    }

    private static boolean hasFraction(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0;
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) && d != Math.rint(d);
        }
        return false;
    }
}
