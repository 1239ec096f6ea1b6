package io.conveyor.transformer.cleanse;

import io.conveyor.transformer.rules.FieldFunction;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Text cleanups: trim, upper case, lower case and whitespace collapsing. Values that are not text
 * pass unchanged, so the cleanups can run over all fields of a mixed row. Case mapping is
 * locale-independent.
 */
public final class TextCleanup implements FieldFunction {

    /** Removes leading and trailing (Unicode) whitespace. */
    public static final TextCleanup TRIM = new TextCleanup("trim", String::strip);
    public static final TextCleanup UPPER_CASE = new TextCleanup("upper", text -> text.toUpperCase(Locale.ROOT));
    public static final TextCleanup LOWER_CASE = new TextCleanup("lower", text -> text.toLowerCase(Locale.ROOT));
    /** Trims and turns every inner run of whitespace into one space. */
    public static final TextCleanup COLLAPSE_WHITESPACE = new TextCleanup("collapse-whitespace", TextCleanup::collapse);

    private final String name;
    private final UnaryOperator<String> cleanup;

    private TextCleanup(String name, UnaryOperator<String> cleanup) {
        this.name = name;
        this.cleanup = cleanup;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object apply(Object value) {
        return value instanceof String text ? cleanup.apply(text) : value;
    }

    private static String collapse(String text) {
        String trimmed = text.strip();
        if (!hasInnerWhitespaceToCollapse(trimmed)) {
            return trimmed;
        }
        StringBuilder out = new StringBuilder(trimmed.length());
        boolean inWhitespace = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isWhitespace(c)) {
                inWhitespace = true;
            } else {
                if (inWhitespace) {
                    out.append(' ');
                    inWhitespace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hasInnerWhitespaceToCollapse(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) && (c != ' ' || Character.isWhitespace(text.charAt(i + 1)))) {
                return true;
            }
        }
        return false;
    }
}
