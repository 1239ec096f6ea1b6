package io.conveyor.transformer.coerce;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Builds the strict formatters date and timestamp coercion parse with. */
final class DateTimePatterns {

    private DateTimePatterns() {
    }

    /**
     * A formatter for a java.time pattern that refuses impossible dates (Feb 30) instead of
     * adjusting them, and accepts "yyyy" as well as "uuuu" for the year, since most people write
     * the former.
     */
    static DateTimeFormatter strict(String pattern) {
        return strict(pattern, Locale.ROOT);
    }

    /** As {@link #strict(String)}, reading month and day names in {@code locale}'s language. */
    static DateTimeFormatter strict(String pattern, Locale locale) {
        try {
            return new DateTimeFormatterBuilder()
                    .appendPattern(pattern)
                    .parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter(locale)
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid date/time pattern '" + pattern + "': " + e.getMessage(), e);
        }
    }

    /** The parser's reason without its echo of the input, which the rejection quotes already. */
    static String reason(DateTimeParseException e) {
        String message = e.getMessage();
        String echo = "Text '" + e.getParsedString() + "' ";
        return message.startsWith(echo) ? message.substring(echo.length()) : message;
    }
}
