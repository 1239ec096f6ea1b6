package io.conveyor.transformer.coerce;

import io.conveyor.transformer.rules.InvalidValueException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * Coerces text to an Instant. Without a pattern the text is ISO-8601 ("2024-03-01T10:00:00Z",
 * "...+01:00", "...+01:00[Europe/Paris]"). Text that carries an offset or zone is taken as
 * written; text without one (and LocalDateTime values) is wall-clock time in the configured zone.
 * A wall-clock time that does not exist there (skipped by a DST change) is refused; one that
 * exists twice (repeated by a DST change) takes the earlier instant.
 */
public final class TimestampCoercion implements Coercion {

    private final DateTimeFormatter formatter;
    /** Without a pattern the common ISO shapes are read without the formatter (the profile's top transform cost). */
    private final boolean iso;
    private final ZoneId zone;
    private final String targetType;

    /**
     * @param pattern a java.time pattern such as "dd.MM.yyyy HH:mm", or null for ISO-8601
     * @param zone    the zone of timestamps written without offset, or null for UTC
     */
    public TimestampCoercion(String pattern, ZoneId zone) {
        this(pattern, zone, null);
    }

    /** @param locale the language of month and day names in {@code pattern}, or null for English (Locale.ROOT) */
    public TimestampCoercion(String pattern, ZoneId zone, Locale locale) {
        this.iso = pattern == null;
        this.formatter = pattern == null ? DateTimeFormatter.ISO_DATE_TIME
                : DateTimePatterns.strict(pattern, locale == null ? Locale.ROOT : locale);
        this.zone = zone == null ? ZoneOffset.UTC : zone;
        this.targetType = "timestamp" + (pattern == null ? "" : " '" + pattern + "'") + " in " + this.zone.getId();
    }

    @Override
    public String targetType() {
        return targetType;
    }

    @Override
    public Object apply(Object value) throws InvalidValueException {
        if (value instanceof Instant) {
            return value;
        }
        if (value instanceof LocalDateTime local) {
            return inZone(value, local);
        }
        if (!(value instanceof CharSequence text)) {
            throw CoercionFailure.of(this, value, "expected text");
        }
        String stripped = text.toString().strip();
        Temporal fast = iso ? IsoDateTimeText.parse(stripped) : null;
        if (fast instanceof Instant instant) {
            return instant;
        }
        if (fast instanceof LocalDateTime local) {
            return inZone(value, local);
        }
        try {
            TemporalAccessor parsed = formatter.parse(stripped);
            if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
                return Instant.from(parsed);
            }
            return inZone(value, LocalDateTime.from(parsed));
        } catch (DateTimeParseException e) {
            throw CoercionFailure.of(this, value, DateTimePatterns.reason(e), e);
        } catch (DateTimeException e) {
            throw CoercionFailure.of(this, value, e.getMessage(), e);
        }
    }

    private Instant inZone(Object value, LocalDateTime local) throws InvalidValueException {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw CoercionFailure.of(this, value, local + " does not exist in " + zone.getId() + " (skipped by a daylight-saving change)");
        }
        return local.toInstant(offsets.get(0));
    }
}
