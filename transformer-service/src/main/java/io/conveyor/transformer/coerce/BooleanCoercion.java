package io.conveyor.transformer.coerce;

import io.conveyor.transformer.rules.InvalidValueException;

/** Coerces true/false, yes/no, y/n, t/f and 1/0 (any case, surrounding spaces ignored) to Boolean. */
public final class BooleanCoercion implements Coercion {

    private static final String[] TRUE = {"true", "yes", "y", "t", "1"};
    private static final String[] FALSE = {"false", "no", "n", "f", "0"};

    @Override
    public String targetType() {
        return "boolean";
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence text) {
            String token = text.toString().strip();
            if (matches(token, TRUE)) {
                return Boolean.TRUE;
            }
            if (matches(token, FALSE)) {
                return Boolean.FALSE;
            }
        } else if (value instanceof Integer || value instanceof Long) {
            long number = ((Number) value).longValue();
            if (number == 0 || number == 1) {
                return number == 1;
            }
        }
        throw CoercionFailure.of(this, value, "expected one of true/false, yes/no, y/n, t/f, 1/0");
    }

    private static boolean matches(String token, String[] candidates) {
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
