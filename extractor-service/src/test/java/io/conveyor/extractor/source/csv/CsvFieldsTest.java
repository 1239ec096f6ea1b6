package io.conveyor.extractor.source.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct split must answer what Jackson's CSV parser answers for every record it takes. */
class CsvFieldsTest {

    private static final long SEED = new Random().nextLong();
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final String OTHERS = "ab Z09.-_@é€ \t";

    @Test
    void splittingAtDelimitersAgreesWithJacksonOnRandomRecords() throws Exception {
        Random random = new Random(SEED);
        int plain = 0;
        for (int n = 0; n < 100_000; n++) {
            char delimiter = DELIMITERS[random.nextInt(DELIMITERS.length)];
            char quote = random.nextBoolean() ? '"' : '\'';
            Optional<Character> escape = random.nextInt(3) == 0 ? Optional.of('\\') : Optional.empty();
            CsvFields fields = CsvFields.of(delimiter, quote, escape);
            String text = record(random, delimiter, quote);
            String what = String.format("seed %d, record %d: [%s] delimiter [%s] quote [%s] escape %s", SEED, n, text,
                    delimiter, quote, escape);
            String[] expected;
            try {
                expected = fields.parsed(text, "test:1");
            } catch (IOException e) {
                assertThat(fields.plain(text)).as("Jackson refuses %s (%s)", what, e.getMessage()).isFalse();
                continue;
            }
            if (fields.plain(text)) {
                plain++;
            }

            assertThat(fields.split(text, "test:1")).as(what).containsExactly(expected);
        }
        assertThat(plain).as("records that took the direct split").isGreaterThan(50_000);
    }

    @Test
    void emptyFieldsAtEitherEndAndBetweenAreKept() throws Exception {
        CsvFields fields = CsvFields.of(',', '"', Optional.empty());

        assertThat(fields.split(",a,,b,", "test:1")).containsExactly("", "a", "", "b", "");
        assertThat(fields.split(",", "test:1")).containsExactly("", "");
        assertThat(fields.split(" x ", "test:1")).containsExactly(" x ");
    }

    @Test
    void aQuotedRecordIsLeftToJackson() throws Exception {
        CsvFields fields = CsvFields.of(',', '"', Optional.empty());

        assertThat(fields.plain("a,\"b,c\"")).isFalse();
        assertThat(fields.split("a,\"b,c\",\"say \"\"hi\"\"\"", "test:1")).containsExactly("a", "b,c", "say \"hi\"");
    }

    /** Mostly plain records; one in five may have a quote, an escape or a line break, half of those a quote for sure. */
    private static String record(Random random, char delimiter, char quote) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        boolean special = random.nextInt(5) == 0;
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            if (pick < 2) {
                text.append(delimiter);
            } else if (special && pick == 2) {
                text.append("\"'\\\r\n".charAt(random.nextInt(5)));
            } else {
                text.append(OTHERS.charAt(random.nextInt(OTHERS.length())));
            }
        }
        if (special && random.nextBoolean() && text.indexOf(String.valueOf(quote)) < 0) {
            text.insert(random.nextInt(text.length() + 1), quote);
        }
        return text.toString();
    }
}
