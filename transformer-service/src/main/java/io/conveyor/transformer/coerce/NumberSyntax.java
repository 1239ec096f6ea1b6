package io.conveyor.transformer.coerce;

/**
 * How numbers are written in the source text. By default ({@link #PLAIN}) only a '.' decimal
 * point is understood and a thousands separator makes the value invalid: "1,234" is ambiguous
 * between locales, and guessing would silently turn 1.234 into 1234. A pipeline whose source
 * writes grouped numbers names its separators, such as {@code of(',', '.')} for "1,234.5" or
 * {@code of('.', ',')} for "1.234,5"; grouping is then accepted only in complete groups of three
 * digits before the decimal separator.
 *
 * @param groupingSeparator the thousands separator, or null when none is accepted
 * @param decimalSeparator  the decimal separator
 */
public record NumberSyntax(Character groupingSeparator, char decimalSeparator) {

    public static final NumberSyntax PLAIN = new NumberSyntax(null, '.');

    public NumberSyntax {
        if (groupingSeparator != null && groupingSeparator == decimalSeparator) {
            throw new IllegalArgumentException("grouping and decimal separator are both '" + decimalSeparator + "'");
        }
        if (Character.isDigit(decimalSeparator) || groupingSeparator != null && Character.isDigit(groupingSeparator)) {
            throw new IllegalArgumentException("a digit cannot be a number separator");
        }
    }

    public static NumberSyntax of(char groupingSeparator, char decimalSeparator) {
        return new NumberSyntax(groupingSeparator, decimalSeparator);
    }

    public static NumberSyntax decimalSeparator(char decimalSeparator) {
        return new NumberSyntax(null, decimalSeparator);
    }

    /**
     * The text with grouping removed and the decimal separator turned into '.', or null when a
     * separator is misplaced. Text in plain syntax is returned as it is.
     */
    String normalise(String text) {
        if (groupingSeparator == null && decimalSeparator == '.') {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        GroupCheck groups = new GroupCheck();
        boolean integerPart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (integerPart && groupingSeparator != null && c == groupingSeparator) {
                if (!groups.separator()) {
                    return null;
                }
                continue;
            }
            if (c == decimalSeparator || c == 'e' || c == 'E') {
                if (!integerPart || !groups.complete()) {
                    return null;
                }
                integerPart = false;
                out.append(c == decimalSeparator ? '.' : c);
                continue;
            }
            if (c == '.') {
                return null;
            }
            if (integerPart && c >= '0' && c <= '9') {
                groups.digit();
            }
            out.append(c);
        }
        return integerPart && !groups.complete() ? null : out.toString();
    }

    /** Tracks digit groups in the integer part: 1-3 leading digits, then groups of exactly 3. */
    private static final class GroupCheck {
        private int leading;
        private int current = -1;

        void digit() {
            if (current < 0) {
                leading++;
            } else {
                current++;
            }
        }

        boolean separator() {
            boolean valid = current < 0 ? leading >= 1 && leading <= 3 : current == 3;
            current = 0;
            return valid;
        }

        boolean complete() {
            return current < 0 || current == 3;
        }
    }
}
