package io.conveyor.loader.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    private static final long SEED = new Random().nextLong();

    @Test
    void writesWhatInstantToStringWritesForRandomInstantsOfEveryPrecision() {
        Random random = new Random(SEED);
        long span = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond() - Instant.parse("-2000-01-01T00:00:00Z").getEpochSecond();
        long from = Instant.parse("-2000-01-01T00:00:00Z").getEpochSecond();
        for (int n = 0; n < 100_000; n++) {
            long second = n % 2 == 0 ? random.nextLong(-5_000_000_000L, 5_000_000_000L) : from + random.nextLong(span);
            int nanos = switch (random.nextInt(5)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                case 3 -> random.nextInt(1_000_000_000);
                default -> random.nextInt(10) * 100_000_000;
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            StringBuilder text = new StringBuilder();

            InstantText.append(text, second, nanos);

            assertThat(text.toString()).as("seed %d, %s", SEED, instant).isEqualTo(instant.toString());
        }
    }

    @Test
    void microsAndMillisBeforeTheEpochRoundDownToTheirSecond() {
        StringBuilder micros = new StringBuilder();
        StringBuilder millis = new StringBuilder();

        InstantText.appendMicros(micros, -1);
        InstantText.appendMillis(millis, -1);

        assertThat(micros).hasToString("1969-12-31T23:59:59.999999Z");
        assertThat(millis).hasToString("1969-12-31T23:59:59.999Z");
        assertThat(InstantText.ofMicros(-1)).isEqualTo(micros.toString());
        assertThat(InstantText.ofMillis(-1)).isEqualTo(millis.toString());
    }

    @Test
    void theEdgesOfFourDigitYearsAgreeWithTheFormatter() {
        for (String edge : new String[] {"0000-01-01T00:00:00Z", "-0001-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999Z",
                "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-03-29T02:30:00.100Z"}) {
            Instant instant = Instant.parse(edge);
            StringBuilder text = new StringBuilder();

            InstantText.append(text, instant.getEpochSecond(), instant.getNano());

            assertThat(text.toString()).isEqualTo(instant.toString());
        }
    }
}
