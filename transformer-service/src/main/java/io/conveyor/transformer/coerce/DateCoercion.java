package io.conveyor.transformer.coerce;

import io.conveyor.transformer.rules.InvalidValueException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Coerces text in a java.time pattern (ISO yyyy-MM-dd when none is given) to LocalDate. */
public final class DateCoercion implements Coercion {

    private final DateTimeFormatter formatter;
    private final String targetType;

    /** @param pattern a java.time pattern such as "dd.MM.yyyy", or null for ISO-8601 */
    public DateCoercion(String pattern) {
        this(pattern, null);
    }

    /** @param locale the language of month and day names in {@code pattern}, or null for English (Locale.ROOT) */
    public DateCoercion(String pattern, Locale locale) {
        this.formatter = pattern == null ? DateTimeFormatter.ISO_LOCAL_DATE
                : DateTimePatterns.strict(pattern, locale == null ? Locale.ROOT : locale);
        this.targetType = pattern == null ? "date" : "date '" + pattern + "'";
    }

    @Override
    public String targetType() {
        return targetType;
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        if (value instanceof LocalDate) {
            return value;
        }
        if (!(value instanceof CharSequence text)) {
            throw CoercionFailure.of(this, value, "expected text");
        }
        try {
            return LocalDate.parse(text.toString().strip(), formatter);
        } catch (DateTimeParseException e) {
            throw CoercionFailure.of(this, value, DateTimePatterns.reason(e), e);
        }
    }
}
