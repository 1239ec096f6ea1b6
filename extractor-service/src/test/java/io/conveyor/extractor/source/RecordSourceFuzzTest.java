package io.conveyor.extractor.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.conveyor.extractor.source.csv.CsvRecordSource;
import io.conveyor.extractor.source.file.FilePosition;
import io.conveyor.extractor.source.json.JsonLinesRecordSource;
import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.JsonLinesSource;
import io.conveyor.testkit.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 mutated CSV and JSON-lines records through the file sources, without Kafka: nothing is
 * thrown, every item is a record or a reject with a reason and a position, and the source reads to
 * the last byte, so no input goes unaccounted for. The seed is printed; rerun a failure with
 * {@code -Dconveyor.fuzz.seed=...}.
 */
class RecordSourceFuzzTest {

    private static final int MUTANTS_PER_FORMAT = 5_000;
    private static final List<String> CSV_ROWS = List.of("1,\"Smith, Anna\",10.50", "2,Bob,7", "3,\"multi\nline\",3",
            "4,\"say \"\"hi\"\"\",1", "5,caf\u00e9,2");
    private static final List<String> JSON_ROWS = List.of("{\"id\": 1, \"name\": \"Anna\", \"tags\": [\"a\", \"b\"]}",
            "{\"id\": 2, \"nested\": {\"x\": 1.5e3, \"y\": null}}", "{\"id\": 3, \"name\": \"caf\u00e9 \\u00e9\"}");

    @TempDir
    Path dir;

    @Test
    void tenThousandMutatedRecordsAreEachExtractedOrRejectedWithAReason() throws Exception {
        long seed = Mutations.seed();
        System.out.println("RecordSourceFuzzTest seed " + seed);
        Mutations mutations = new Mutations(seed);
        Path file = dir.resolve("mutant");
        int rejected = 0;
        for (int i = 0; i < MUTANTS_PER_FORMAT * 2; i++) {
            boolean csv = i % 2 == 0;
            List<String> rows = csv ? CSV_ROWS : JSON_ROWS;
            String row = rows.get(mutations.random().nextInt(rows.size()));
            byte[] mutant = mutations.random().nextBoolean() ? mutations.mutate(row.getBytes(StandardCharsets.UTF_8))
                    : mutations.mutate(row).getBytes(StandardCharsets.UTF_8);
            byte[] content = concat((csv ? "id,name,amount\n" : "").getBytes(StandardCharsets.UTF_8), mutant,
                    ("\n" + rows.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
            Files.write(file, content);
            try {
                rejected += drain(csv ? csvSource(file) : new JsonLinesSource(file.toString(), "UTF-8", false), content.length);
            } catch (Throwable unexpected) {
                fail("seed %d mutant %d threw %s on:\n%s".formatted(seed, i, unexpected,
                        new String(content, StandardCharsets.UTF_8)), unexpected);
            }
        }
        assertThat(rejected).as("mutants rejected").isPositive();
    }

    /** Reads the file through; answers the count of rejects. */
    private static int drain(Object spec, long fileSize) throws IOException {
        SourceContext context = new SourceContext("p_t", Optional.empty(), Optional.empty(), Map.of(), 4096);
        int rejected = 0;
        try (RecordSource source = spec instanceof CsvSource csv ? CsvRecordSource.open(csv, context)
                : JsonLinesRecordSource.open((JsonLinesSource) spec, context)) {
            for (Optional<SourceItem> item = source.next(); item.isPresent(); item = source.next()) {
                if (item.get() instanceof SourceItem.Rejected reject) {
                    assertThat(reject.message()).isNotBlank();
                    assertThat(reject.sourcePosition()).matches(".*:[0-9]+");
                    rejected++;
                }
            }
            assertThat(FilePosition.parse(source.position()).byteOffset()).as("bytes read").isEqualTo(fileSize);
        }
        return rejected;
    }

    private static CsvSource csvSource(Path file) {
        return new CsvSource(file.toString(), true, ',', '"', Optional.empty(), "UTF-8", false, List.of(), Optional.empty());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
