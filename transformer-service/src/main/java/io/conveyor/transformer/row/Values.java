package io.conveyor.transformer.row;

/** Renders field values inside rejection messages. */
public final class Values {

    private static final int MAX_QUOTED = 80;

    private Values() {
    }

    /**
     * A short, unambiguous rendering: strings in double quotes (cut to a readable length, since
     * the whole payload travels with the rejection anyway), other values with their type.
     */
    public static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence text) {
            String shown = text.length() > MAX_QUOTED ? text.subSequence(0, MAX_QUOTED) + "..." : text.toString();
            return '"' + shown + '"';
        }
        String text = value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString();
        return text + " (" + value.getClass().getSimpleName() + ")";
    }
}
