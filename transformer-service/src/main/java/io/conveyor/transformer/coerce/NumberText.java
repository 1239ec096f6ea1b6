package io.conveyor.transformer.coerce;

import java.math.BigDecimal;

/** Strict parsing of numbers written as text. */
final class NumberText {

    private static final int MAX_FAST_DIGITS = 18;

    private NumberText() {
    }

    /**
     * The decimal value of the text, or null when it is not a plain decimal number: an optional
     * sign, digits with an optional fraction, an optional exponent. NaN, infinities, hex and type
     * suffixes are not numbers here.
     */
    static BigDecimal parseDecimal(String text, NumberSyntax syntax) {
        String normalised = syntax.normalise(text);
        if (normalised == null || !isDecimalSyntax(normalised)) {
            return null;
        }
        return new BigDecimal(normalised);
    }

    /** True when the text is a sign and at most 18 ASCII digits, so it parses as a long without overflow. */
    static boolean isShortInteger(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        int digits = text.length() - start;
        if (digits == 0 || digits > MAX_FAST_DIGITS) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecimalSyntax(String text) {
        int i = 0;
        int length = text.length();
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < length && isAsciiDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < length && text.charAt(i) == '.') {
            i++;
            while (i < length && isAsciiDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < length && isAsciiDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0 || exponentDigits > 9) {
                return false;
            }
        }
        return i == length;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
