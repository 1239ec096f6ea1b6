package io.conveyor.transformer.coerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoDateTimeTextTest {

    /** What {@link DateTimeFormatter#ISO_DATE_TIME} makes of a text: an Instant, a LocalDateTime, or null if it refuses it. */
    private static Temporal byTheFormatter(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            return parsed.isSupported(ChronoField.INSTANT_SECONDS) ? Instant.from(parsed) : LocalDateTime.from(parsed);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void theCommonShapesAreReadWithoutTheFormatterAndGiveWhatItGives() {
        for (String text : new String[] {"2024-03-01T10:00:00Z", "2024-03-01T10:00Z", "2024-03-01T10:00:00.5Z",
                "2024-03-01T10:00:00.123456789Z", "2024-03-01T10:00:00+01:00", "2024-03-01T10:00:00-05:30",
                "2024-03-01T10:00:00", "2024-02-29T23:59:59.000001", "0001-01-01T00:00:00Z", "2024-03-01T10:00:00+18:00"}) {
            Temporal fast = IsoDateTimeText.parse(text);

            assertThat(fast).as(text).isNotNull().isEqualTo(byTheFormatter(text));
        }
    }

    @Test
    void invalidAndUnusualTextIsLeftToTheFormatter() {
        for (String text : new String[] {"2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-03-01T24:00:00Z",
                "2024-03-01T10:60:00Z", "2024-03-01T10:00:60Z", "2024-03-01T10:00:00+18:30", "2024-03-01T10:00:00+01:00[Europe/Paris]",
                "2024-03-01t10:00:00z", "2024-03-01T10:00:00.Z", "2024-03-01T10:00:00.1234567891Z", "+12024-03-01T10:00:00Z",
                "2024-03-01T10:00:00+0100", "2024-03-01T10:00:00+01:00:30", "2024-03-01 10:00:00", "2024-03-01T10", ""}) {

            assertThat(IsoDateTimeText.parse(text)).as(text).isNull();
        }
    }

    @Test
    void onAHundredThousandRandomAndMutatedTextsItNeverDisagreesWithTheFormatter() {
        Random random = new Random(20261207);
        int readFast = 0;
        for (int i = 0; i < 100_000; i++) {
            String text = mutate(random, candidate(random));
            Temporal fast = IsoDateTimeText.parse(text);
            if (fast != null) {
                readFast++;
                assertThat(fast).as(text).isEqualTo(byTheFormatter(text));
            }
        }
        // The generator mostly writes valid shapes, so most texts take the fast path.
        assertThat(readFast).isGreaterThan(30_000);
    }

    private static String candidate(Random random) {
        StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d", random.nextInt(10_000),
                random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62)));
        if (random.nextInt(4) > 0) {
            text.append(String.format(":%02d", random.nextInt(62)));
            if (random.nextBoolean()) {
                text.append('.');
                int digits = random.nextInt(11);
                for (int d = 0; d < digits; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
        }
        switch (random.nextInt(5)) {
            case 0 -> text.append('Z');
            case 1 -> text.append(String.format("%c%02d:%02d", random.nextBoolean() ? '+' : '-', random.nextInt(20), random.nextInt(62)));
            case 2 -> text.append(random.nextBoolean() ? "z" : "+01");
            default -> { }
        }
        return text.toString();
    }

    /** One in four texts gets one character replaced, inserted or removed. */
    private static String mutate(Random random, String text) {
        if (random.nextInt(4) > 0 || text.isEmpty()) {
            return text;
        }
        String alphabet = "0123456789-+:.TZ Tz";
        int at = random.nextInt(text.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + c + text.substring(at + 1);
            case 1 -> text.substring(0, at) + c + text.substring(at);
            default -> text.substring(0, at) + text.substring(at + 1);
        };
    }
}
