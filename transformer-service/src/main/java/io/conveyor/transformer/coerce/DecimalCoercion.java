package io.conveyor.transformer.coerce;

import io.conveyor.transformer.row.Numbers;
import io.conveyor.transformer.rules.InvalidValueException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Coerces to decimal(precision, scale): a BigDecimal with exactly {@code scale} fraction digits
 * and at most {@code precision} digits in all. Values needing more integer digits are refused;
 * extra fraction digits are handled by the {@link DecimalRounding}. Doubles are taken at their
 * shortest decimal form, so 0.1 is 0.1.
 */
public final class DecimalCoercion implements Coercion {

    private final int precision;
    private final int scale;
    private final RoundingMode roundingMode;
    private final NumberSyntax syntax;
    private final String targetType;

    public DecimalCoercion(int precision, int scale, DecimalRounding rounding, NumberSyntax syntax) {
        if (precision < 1 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("invalid decimal(" + precision + "," + scale
                    + "): precision must be at least 1 and scale between 0 and precision");
        }
        this.precision = precision;
        this.scale = scale;
        this.roundingMode = rounding == DecimalRounding.HALF_UP ? RoundingMode.HALF_UP : RoundingMode.UNNECESSARY;
        this.syntax = syntax;
        this.targetType = "decimal(" + precision + "," + scale + ")";
    }

    @Override
    public String targetType() {
        return targetType;
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        BigDecimal decimal = decimalValue(value);
        checkIntegerDigits(value, decimal);
        BigDecimal scaled;
        try {
            scaled = decimal.setScale(scale, roundingMode);
        } catch (ArithmeticException e) {
            throw CoercionFailure.of(this, value, "has more than " + scale + " decimal places");
        }
        if (scaled.precision() > precision) {
            throw CoercionFailure.of(this, value, "needs " + scaled.precision() + " digits after rounding, at most " + precision + " allowed");
        }
        return scaled;
    }

    private BigDecimal decimalValue(Object value) throws InvalidValueException {
        if (value instanceof CharSequence text) {
            BigDecimal decimal = NumberText.parseDecimal(text.toString().strip(), syntax);
            if (decimal == null) {
                throw CoercionFailure.of(this, value, "not a number");
            }
            return decimal;
        }
        if (value instanceof Number number) {
            try {
                return Numbers.toBigDecimal(number);
            } catch (ArithmeticException e) {
                throw CoercionFailure.of(this, value, "not a finite number");
            }
        }
        throw CoercionFailure.of(this, value, "not a number");
    }

    /** Checked before rescaling so that "1e999999999" is refused instead of expanded. */
    private void checkIntegerDigits(Object value, BigDecimal decimal) throws InvalidValueException {
        int integerDigits = decimal.signum() == 0 ? 0 : decimal.precision() - decimal.scale();
        if (integerDigits > precision - scale) {
            throw CoercionFailure.of(this, value, "needs " + integerDigits + " digits before the decimal point, at most "
                    + (precision - scale) + " allowed");
        }
    }
}
