package io.conveyor.loader.table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an instant exactly as {@link Instant#toString()} does, without going through
 * {@code DateTimeFormatter.ISO_INSTANT}: the formatter was the largest part of turning a row into
 * COPY text in the profile (bench/README.md). Years outside 0000-9999, which the formatter writes
 * with a sign or more digits, are left to it; {@code InstantTextTest} holds both to the same text.
 */
final class InstantText {

    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long AFTER_LAST = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    private InstantText() {
    }

    static void append(StringBuilder out, long epochSecond, int nanos) {
        if (epochSecond < FIRST || epochSecond >= AFTER_LAST) {
            out.append(Instant.ofEpochSecond(epochSecond, nanos));
            return;
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, nanos, ZoneOffset.UTC);
        digits(out, time.getYear(), 4);
        out.append('-');
        digits(out, time.getMonthValue(), 2);
        out.append('-');
        digits(out, time.getDayOfMonth(), 2);
        out.append('T');
        digits(out, time.getHour(), 2);
        out.append(':');
        digits(out, time.getMinute(), 2);
        out.append(':');
        digits(out, time.getSecond(), 2);
        if (nanos > 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                digits(out, nanos / 1000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        out.append('Z');
    }

    /** The micros since the epoch of Avro's timestamp-micros. */
    static void appendMicros(StringBuilder out, long micros) {
        append(out, Math.floorDiv(micros, 1_000_000), (int) Math.floorMod(micros, 1_000_000) * 1000);
    }

    /** The text of Avro's timestamp-micros (micros since the epoch). */
    static String ofMicros(long micros) {
        StringBuilder text = new StringBuilder(30);
        appendMicros(text, micros);
        return text.toString();
    }

    /** The text of Avro's timestamp-millis (millis since the epoch). */
    static String ofMillis(long millis) {
        StringBuilder text = new StringBuilder(30);
        appendMillis(text, millis);
        return text.toString();
    }

    /** The millis since the epoch of Avro's timestamp-millis. */
    static void appendMillis(StringBuilder out, long millis) {
        append(out, Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000);
    }

    private static void digits(StringBuilder out, int value, int width) {
        int size = 1;
        for (int rest = value; rest >= 10; rest /= 10) {
            size++;
        }
        for (int pad = size; pad < width; pad++) {
            out.append('0');
        }
        out.append(value);
    }
}
