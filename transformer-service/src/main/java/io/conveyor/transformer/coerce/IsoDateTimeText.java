package io.conveyor.transformer.coerce;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;

/**
 * Reads the common shapes of ISO-8601 date-times - {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]}
 * followed by nothing, {@code Z} or {@code ±HH:mm} - without {@link DateTimeFormatter}, whose
 * general parser allocates a field map per call and was the transformer's top cost in the
 * profile (bench/README.md). Anything else, including every invalid text, is left to the formatter
 * (answer {@code null}), so the accepted texts, the results and the error messages stay exactly
 * those of {@link DateTimeFormatter#ISO_DATE_TIME}.
 */
final class IsoDateTimeText {

    private IsoDateTimeText() {
    }

    /**
     * @return an {@link Instant} for a text with an offset, a {@link LocalDateTime} for one without,
     *         or null when the text is not one of the shapes read here or not a valid date-time
     */
    static Temporal parse(String text) {
        int length = text.length();
        if (length < 16 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        if ((year | month | day | hour | minute) < 0) {
            return null;
        }
        int at = 16;
        int second = 0;
        int nano = 0;
        if (at < length && text.charAt(at) == ':') {
            second = digits(text, at + 1, 2);
            if (second < 0) {
                return null;
            }
            at += 3;
            if (at < length && text.charAt(at) == '.') {
                int start = ++at;
                while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
                    nano = nano * 10 + (text.charAt(at) - '0');
                    at++;
                }
                if (at == start || (at < length && isDigit(text.charAt(at)))) {
                    return null;
                }
                for (int scale = at - start; scale < 9; scale++) {
                    nano *= 10;
                }
            }
        }
        try {
            ZoneOffset offset;
            if (at == length) {
                offset = null;
            } else if (at + 1 == length && text.charAt(at) == 'Z') {
                offset = ZoneOffset.UTC;
            } else if (at + 6 == length && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
                int hours = digits(text, at + 1, 2);
                int minutes = digits(text, at + 4, 2);
                if ((hours | minutes) < 0 || minutes > 59) {
                    return null;
                }
                int seconds = hours * 3600 + minutes * 60;
                offset = ZoneOffset.ofTotalSeconds(text.charAt(at) == '-' ? -seconds : seconds);
            } else {
                return null;
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
            return offset == null ? local : local.toInstant(offset);
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    /** The decimal value of {@code count} ASCII digits from {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        if (from + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
