package io.conveyor.transformer.expression;

import io.conveyor.transformer.row.Numbers;
import io.conveyor.transformer.row.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The value semantics of the expression language.
 *
 * <p>Numbers: whole numbers compute as long (overflow is an error), any double makes the result
 * double, any BigDecimal makes it BigDecimal (decimal literals such as 1.19 are BigDecimal, so
 * money stays exact). '/' never truncates: it gives BigDecimal when a BigDecimal is involved and
 * double otherwise. Null in arithmetic gives null.
 *
 * <p>'+' with a text operand concatenates (null gives null, as SQL's ||; concat() and templates
 * treat null as empty text). Conditions treat null as false; '==' and '!=' are null-safe;
 * ordering comparisons with null are false. Text never silently becomes a number: comparing or
 * computing text with numbers is an error telling the user to coerce the field first.
 */
final class Operators {

    private Operators() {
    }

    static Object arithmetic(char operator, Object left, Object right, int position) {
        if (operator == '+' && (left instanceof CharSequence || right instanceof CharSequence)) {
            return left == null || right == null ? null : text(left) + text(right);
        }
        if (left == null || right == null) {
            return null;
        }
        if (!(left instanceof Number l) || !(right instanceof Number r)) {
            Object culprit = left instanceof Number ? right : left;
            throw new EvaluationException("operator '" + operator + "' needs numbers, got " + Values.quote(culprit)
                    + (culprit instanceof CharSequence ? "; coerce the field first" : ""), position);
        }
        if (isDecimal(l) || isDecimal(r)) {
            return decimal(operator, Numbers.toBigDecimal(l), Numbers.toBigDecimal(r), position);
        }
        if (isFloating(l) || isFloating(r) || operator == '/') {
            return floating(operator, l.doubleValue(), r.doubleValue(), position);
        }
        return whole(operator, l.longValue(), r.longValue(), position);
    }

    static Object negate(Object value, int position) {
        if (value == null) {
            return null;
        }
        return arithmetic('-', 0L, value, position);
    }

    private static BigDecimal decimal(char operator, BigDecimal l, BigDecimal r, int position) {
        if ((operator == '/' || operator == '%') && r.signum() == 0) {
            throw new EvaluationException("division by zero", position);
        }
        return switch (operator) {
            case '+' -> l.add(r);
            case '-' -> l.subtract(r);
            case '*' -> l.multiply(r);
            case '/' -> l.divide(r, MathContext.DECIMAL128).stripTrailingZeros();
            default -> l.remainder(r);
        };
    }

    private static double floating(char operator, double l, double r, int position) {
        if ((operator == '/' || operator == '%') && r == 0) {
            throw new EvaluationException("division by zero", position);
        }
        return switch (operator) {
            case '+' -> l + r;
            case '-' -> l - r;
            case '*' -> l * r;
            case '/' -> l / r;
            default -> l % r;
        };
    }

    private static long whole(char operator, long l, long r, int position) {
        try {
            return switch (operator) {
                case '+' -> Math.addExact(l, r);
                case '-' -> Math.subtractExact(l, r);
                case '*' -> Math.multiplyExact(l, r);
                default -> l % r;
            };
        } catch (ArithmeticException e) {
            throw new EvaluationException(r == 0 ? "division by zero" : "long overflow in '" + operator + "'", position);
        }
    }

    static boolean equal(Object left, Object right, int position) {
        if (left == null || right == null) {
            return left == right;
        }
        if (left instanceof Number l && right instanceof Number r) {
            return compareNumbers(l, r) == 0;
        }
        if (left instanceof CharSequence && right instanceof CharSequence) {
            return left.toString().equals(right.toString());
        }
        requireSameType(left, right, position);
        return left.equals(right);
    }

    /** Orders two non-null values of the same kind. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object left, Object right, int position) {
        if (left instanceof Number l && right instanceof Number r) {
            return compareNumbers(l, r);
        }
        if (left instanceof CharSequence && right instanceof CharSequence) {
            return left.toString().compareTo(right.toString());
        }
        requireSameType(left, right, position);
        if (!(left instanceof Comparable comparable)) {
            throw new EvaluationException("cannot order " + Values.quote(left), position);
        }
        return comparable.compareTo(right);
    }

    private static void requireSameType(Object left, Object right, int position) {
        if (left.getClass() != right.getClass()) {
            throw new EvaluationException("cannot compare " + Values.quote(left) + " with " + Values.quote(right)
                    + "; coerce the field first", position);
        }
    }

    private static int compareNumbers(Number l, Number r) {
        if (Numbers.isIntegral(l) && Numbers.isIntegral(r)) {
            return Long.compare(l.longValue(), r.longValue());
        }
        if (!isDecimal(l) && !isDecimal(r)) {
            return Double.compare(l.doubleValue(), r.doubleValue());
        }
        return Numbers.toBigDecimal(l).compareTo(Numbers.toBigDecimal(r));
    }

    /** A condition's truth: Boolean as is, null false, anything else an error. */
    static boolean truth(Object value, int position) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new EvaluationException("expected a condition (true/false), got " + Values.quote(value), position);
    }

    /** The text form used by concatenation: plain decimals without exponent, null as empty. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    private static boolean isDecimal(Number number) {
        return number instanceof BigDecimal || number instanceof BigInteger;
    }

    private static boolean isFloating(Number number) {
        return number instanceof Double || number instanceof Float;
    }
}
