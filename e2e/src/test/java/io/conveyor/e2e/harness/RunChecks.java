package io.conveyor.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.e2e.harness.CustomerCsv.Expected;
import io.conveyor.e2e.harness.DeadLetterQueue.Letter;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.testkit.ConveyorStack;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.avro.generic.GenericRecord;

/** The assertions every end-to-end run must pass: exact rows, exact dead letters, the outcome the REST API reports. */
public final class RunChecks {

    private RunChecks() {
    }

    /** The table holds exactly the file's good rows, by count and content checksum. */
    public static void assertLoaded(TargetDatabase database, String table, CustomerCsv csv) {
        Expected expected = csv.expected();
        TargetDatabase.Content content = database.content(table);
        assertThat(content.rows()).as("rows of %s in %s.%s", csv, database.schema(), table).isEqualTo(expected.loaded());
        assertThat(content.checksum()).as("content checksum of %s in %s.%s", csv, database.schema(), table)
                .isEqualTo(expected.checksum());
    }

    /**
     * The run's dead letters in the topic are exactly the file's bad rows: the right number per
     * stage, each source record once.
     */
    public static List<Letter> assertDeadLetters(List<Letter> all, String runId, CustomerCsv csv) {
        Expected expected = csv.expected();
        List<Letter> letters = all.stream().filter(letter -> runId.equals(letter.runId())).toList();
        Map<String, Long> byStage = letters.stream().collect(Collectors.groupingBy(Letter::stage, Collectors.counting()));
        assertThat(byStage).as("dead letters of %s by stage", runId).isEqualTo(Map.of(
                "EXTRACT", expected.extractRejects(),
                "TRANSFORM", expected.transformRejects(),
                "LOAD", expected.loadRejects()));
        Function<Letter, String> source = letter -> letter.stage() + " " + (letter.value().getSourcePosition() != null
                ? letter.value().getSourcePosition()
                : letter.value().getSourceTopic() + "-" + letter.value().getSourcePartition() + "@" + letter.value().getSourceOffset());
        assertThat(letters.stream().map(source).distinct().count()).as("distinct source records of the dead letters of %s", runId)
                .isEqualTo(letters.size());
        return letters;
    }

    /**
     * The run's dead letters name exactly the file's bad rows, stage by stage: the extractor's by
     * their line in the file ({@code path:line}), the transformer's and loader's by the {@code id}
     * of the record they consumed (decoded from the original payload with the registry), so a
     * dead letter for the wrong row, or a bad row dead-lettered twice and another never, fails.
     */
    public static void assertDeadLetterRows(List<Letter> all, String runId, CustomerCsv csv, ConveyorStack stack) {
        Map<CustomerCsv.Fate, Set<Long>> expected = new EnumMap<>(CustomerCsv.Fate.class);
        LongStream.rangeClosed(1, csv.rows()).filter(i -> csv.fate(i) != CustomerCsv.Fate.LOADED)
                .forEach(i -> expected.computeIfAbsent(csv.fate(i), fate -> new TreeSet<>()).add(i));
        Map<CustomerCsv.Fate, List<Long>> actual = new EnumMap<>(CustomerCsv.Fate.class);
        try (ConfluentAvroDeserializer<Object> reader = new ConfluentAvroDeserializer<>()) {
            reader.configure(stack.clientConfig(), false);
            for (Letter letter : all.stream().filter(letter -> runId.equals(letter.runId())).toList()) {
                CustomerCsv.Fate fate = switch (letter.stage()) {
                    case "EXTRACT" -> CustomerCsv.Fate.EXTRACT_REJECT;
                    case "TRANSFORM" -> CustomerCsv.Fate.TRANSFORM_REJECT;
                    case "LOAD" -> CustomerCsv.Fate.LOAD_REJECT;
                    default -> throw new AssertionError("dead letter of an unexpected stage: " + letter);
                };
                long row;
                if (fate == CustomerCsv.Fate.EXTRACT_REJECT) {
                    String position = letter.value().getSourcePosition();
                    // Line 1 is the header: row i is on line i + 1.
                    row = Long.parseLong(position.substring(position.lastIndexOf(':') + 1)) - 1;
                } else {
                    ByteBuffer payload = letter.value().getOriginalValue().duplicate();
                    byte[] bytes = new byte[payload.remaining()];
                    payload.get(bytes);
                    GenericRecord record = (GenericRecord) reader.deserialize(letter.value().getSourceTopic(), bytes);
                    row = Long.parseLong(String.valueOf(record.get("id")).strip()) - csv.idOffset();
                }
                actual.computeIfAbsent(fate, f -> new ArrayList<>()).add(row);
            }
        }
        for (CustomerCsv.Fate fate : expected.keySet()) {
            List<Long> rows = actual.getOrDefault(fate, List.of());
            assertThat(rows).as("rows of the %s dead letters of %s", fate, runId).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(rows)).as("rows of the %s dead letters of %s", fate, runId).isEqualTo(expected.get(fate));
        }
        assertThat(actual.keySet()).as("stages with dead letters of %s", runId).isEqualTo(expected.keySet());
    }

    /** The run detail says SUCCEEDED_WITH_REJECTS, every task SUCCEEDED, with the counts each stage must report. */
    public static void assertRunDetail(JsonNode detail, CustomerCsv csv) {
        Expected expected = csv.expected();
        long extracted = expected.rows() - expected.extractRejects();
        long cleaned = extracted - expected.transformRejects();
        assertThat(StackPipelines.status(detail)).as("run status in %s", detail).isEqualTo("SUCCEEDED_WITH_REJECTS");
        assertThat(detail.at("/tasks").findValuesAsText("taskId")).containsExactly(
                CustomerPipeline.EXTRACT, CustomerPipeline.CLEAN, CustomerPipeline.LOAD);
        for (JsonNode task : detail.at("/tasks")) {
            assertThat(task.at("/task/status").asText()).as("status of %s", task).isEqualTo("SUCCEEDED");
        }
        assertCounts(detail.at("/tasks/0/task/counts"), expected.rows(), extracted, expected.extractRejects());
        assertCounts(detail.at("/tasks/1/task/counts"), extracted, cleaned, expected.transformRejects());
        assertCounts(detail.at("/tasks/2/task/counts"), cleaned, expected.loaded(), expected.loadRejects());
        assertCounts(detail.at("/run/counts"), expected.rows(), expected.loaded(),
                expected.extractRejects() + expected.transformRejects() + expected.loadRejects());
    }

    /** The counts of a task that drops nothing on purpose: in = out + rejected, and dropped is reported as 0. */
    private static void assertCounts(JsonNode counts, long in, long out, long rejected) {
        assertThat(counts.at("/recordsIn").asLong()).as("recordsIn of %s", counts).isEqualTo(in);
        assertThat(counts.at("/recordsOut").asLong()).as("recordsOut of %s", counts).isEqualTo(out);
        assertThat(counts.at("/recordsRejected").asLong()).as("recordsRejected of %s", counts).isEqualTo(rejected);
        assertThat(counts.has("recordsDropped")).as("recordsDropped in %s", counts).isTrue();
        assertThat(counts.at("/recordsDropped").asLong()).as("recordsDropped of %s", counts).isZero();
        assertThat(in).as("in = out + rejected + dropped in %s", counts).isEqualTo(out + rejected);
    }
}
