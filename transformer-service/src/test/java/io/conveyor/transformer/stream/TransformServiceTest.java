package io.conveyor.transformer.stream;

import io.conveyor.transformer.plugin.PluginAllowList;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskKind;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.DeadLetters;
import io.conveyor.dataplane.EndMarker;
import io.conveyor.dataplane.failure.FailurePolicy;
import io.conveyor.dataplane.replay.ReplayHeaders;
import io.conveyor.dataplane.failure.WorkerPolicy;
import io.conveyor.dataplane.stream.StrayRecords;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.math.BigDecimal;
import io.conveyor.transformer.dedupe.DedupeSettings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(ConveyorStackExtension.class)
class TransformServiceTest {

    private static final String PIPELINE = """
            name: people
            tasks:
              - id: extract
                kind: extract
                source: {type: csv, path: /data/people.csv}
              - id: clean
                kind: transform
                dependsOn: [extract]
                rejectThreshold: 0.1
                rules:
                  - trim: "*"
                  - nullTokens: {tokens: ["", "N/A"]}
                  - required: [id, name]
                  - coerce: {field: id, type: long}
                  - coerce: {field: amount, type: "decimal(8,2)"}
                  - email: {field: email}
                schema: {type: record, name: Person, namespace: test.people, fields: [
                  {name: id, type: long}, {name: name, type: string},
                  {name: email, type: ["null", string], default: null},
                  {name: amount, type: {type: bytes, logicalType: decimal, precision: 8, scale: 2}}]}
            """;

    private static final Schema CSV = new Schema.Parser().parse("""
            {"type": "record", "name": "Row", "namespace": "test.csv", "fields": [
              {"name": "id", "type": ["null", "string"]}, {"name": "name", "type": ["null", "string"]},
              {"name": "email", "type": ["null", "string"]}, {"name": "amount", "type": ["null", "string"]}]}
            """);

    private final ConveyorStack stack;
    private final DataTopics topics;
    private TopicNames names;
    private String input;
    private String output;
    private TransformService service;
    @TempDir
    private Path stateDir;

    TransformServiceTest(ConveyorStack stack) {
        this.stack = stack;
        this.topics = new DataTopics(stack);
    }

    @BeforeEach
    void start() {
        names = new TopicNames(ConveyorStack.uniqueName("tf"));
        input = names.data("people", "extract");
        output = names.data("people", "clean");
        stack.createTopics(2, input, output);
        stack.createTopics(1, names.taskCommands(TaskKind.TRANSFORM), names.runs(), names.taskStatus(),
                names.deadLetters("people"));
        service = new TransformService(settings("tf-1"), Clock.systemUTC());
        service.start();
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void transformsARunAndClosesEachOutputPartitionForIt() throws Exception {
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), "people@m-1", command("people@m-1"));
        topics.produceRun(input, "people@m-1", "extract", 2, List.of(
                new DataTopics.Data(0, "1", row(" 1 ", "Ada", "ADA@Example.org", "10.50")),
                new DataTopics.Data(0, "2", row("2", "N/A", null, "1")),
                new DataTopics.Data(0, "3", row("3", "Bob", "not-an-email", "2")),
                new DataTopics.Data(1, "4", row("4", "Cy", null, "7")),
                new DataTopics.Data(1, "5", row("x5", "Di", null, "3")),
                new DataTopics.Data(1, "6", row("6", "Eve", "eve@example.org", "123456.789"))));

        // Each of the two input partitions (shards) closes both output partitions.
        List<ConsumerRecord<byte[], byte[]>> out = topics.readUntil(output, records -> DataTopics.ends(records) == 4);
        List<ConsumerRecord<byte[], byte[]>> dead = topics.readUntil(names.deadLetters("people"), records -> records.size() == 4);
        List<ConsumerRecord<byte[], byte[]>> status = topics.readUntil(names.taskStatus(), records -> records.size() == 4);

        assertThat(out.stream().filter(record -> !DataHeaders.isEnd(record.headers())).map(topics::generic)
                .map(Object::toString).toList())
                .containsExactlyInAnyOrder(
                        "{\"id\": 1, \"name\": \"Ada\", \"email\": \"ada@example.org\", \"amount\": " + decimal("10.50") + "}",
                        "{\"id\": 4, \"name\": \"Cy\", \"email\": null, \"amount\": " + decimal("7.00") + "}");
        Map<Integer, Long> written = out.stream().filter(record -> !DataHeaders.isEnd(record.headers()))
                .collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.counting()));
        List<EndMarker> ends = new ArrayList<>();
        Map<Integer, Long> announced = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> end : out.stream().filter(record -> DataHeaders.isEnd(record.headers())).toList()) {
            EndMarker marker = EndMarker.from(end.headers());
            ends.add(marker);
            announced.merge(end.partition(), marker.count(), Long::sum);
        }
        assertThat(ends).extracting(EndMarker::runId).containsOnly("people@m-1");
        assertThat(ends).extracting(EndMarker::task).containsOnly("clean");
        assertThat(ends).extracting(EndMarker::shards).containsOnly(2);
        assertThat(ends).extracting(EndMarker::shard).containsExactlyInAnyOrder(0, 0, 1, 1);
        assertThat(announced).isEqualTo(Map.of(0, written.getOrDefault(0, 0L), 1, written.getOrDefault(1, 0L)));

        assertDeadLetters(dead);

        // Each partition rejects 2 of 3 records, far above the task's threshold: the partitions only
        // report their counts, the tracker judges the task's totals.
        // Each partition also says when its first record of the run arrived (STARTED).
        assertThat(status).allSatisfy(record -> assertThat(new String(record.key())).isEqualTo("people"));
        assertThat(status.stream().map(record -> topics.<TaskStatus>specific(record))
                .filter(report -> report.getState() == TaskStatusType.STARTED))
                .extracting(TaskStatus::getPartition).containsExactlyInAnyOrder(0, 1);
        List<TaskStatus> reports = partitionDone(status);
        assertThat(reports).extracting(TaskStatus::getPartition).containsExactlyInAnyOrder(0, 1);
        assertThat(reports).extracting(TaskStatus::getPartitions).containsOnly(2);
        assertThat(reports).extracting(report -> report.getCounts().toString()).containsExactlyInAnyOrder(
                "{\"recordsIn\": 3, \"recordsOut\": 1, \"recordsRejected\": 2, \"recordsDropped\": 0}",
                "{\"recordsIn\": 3, \"recordsOut\": 1, \"recordsRejected\": 2, \"recordsDropped\": 0}");
    }

    @Test
    void replayedLettersEnterAtTheirTaskPassOnTowardsALaterOneAndLeaveOtherBranchesAlone() throws Exception {
        String runId = "people@m-replay";
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), runId, command(runId));
        Map<String, String> lineage = Map.of(ReplayHeaders.LETTER, "0-5", ReplayHeaders.ATTEMPT, "1",
                ReplayHeaders.ORIGINAL_RUN, "people@m-0");
        Map<String, String> entersHere = new HashMap<>(lineage);
        entersHere.put(ReplayHeaders.ROUTE, "clean");
        Map<String, String> passesOn = new HashMap<>(lineage);
        passesOn.put(ReplayHeaders.ROUTE, "clean,load");
        Map<String, String> otherBranch = Map.of(ReplayHeaders.ROUTE, "audit", ReplayHeaders.LETTER, "0-9");
        topics.produceRun(input, runId, "extract", 2, List.of(
                new DataTopics.Data(0, "7", row("7", "Ann", null, "1"), entersHere),
                new DataTopics.Data(0, "8", row("8", "Ben", "not-an-email", "1"), entersHere),
                // No id and no name: the rules would reject it, but this task accepted it in its first run.
                new DataTopics.Data(0, "9", row(null, null, null, "x"), passesOn),
                new DataTopics.Data(1, "10", row("10", "Cat", null, "1"), otherBranch)));

        List<ConsumerRecord<byte[], byte[]>> out = topics.readUntil(output, records -> DataTopics.ends(records) == 4);
        List<ConsumerRecord<byte[], byte[]>> dead = topics.readUntil(names.deadLetters("people"), records -> records.size() == 1);
        List<TaskStatus> done = partitionDone(topics.readUntil(names.taskStatus(), reports -> partitionDone(reports).size() >= 2));

        List<ConsumerRecord<byte[], byte[]>> data = out.stream().filter(record -> !DataHeaders.isEnd(record.headers())).toList();
        assertThat(data).hasSize(2);
        ConsumerRecord<byte[], byte[]> transformed = data.stream().filter(r -> "7".equals(new String(r.key()))).findFirst().orElseThrow();
        assertThat(topics.generic(transformed).toString()).contains("\"id\": 7");
        assertThat(DataHeaders.text(transformed.headers(), ReplayHeaders.ROUTE)).as("entered: ordinary downstream").isNull();
        assertThat(DataHeaders.text(transformed.headers(), ReplayHeaders.LETTER)).isEqualTo("0-5");
        assertThat(DataHeaders.text(transformed.headers(), DataHeaders.RUN_ID)).isEqualTo(runId);
        ConsumerRecord<byte[], byte[]> passed = data.stream().filter(r -> "9".equals(new String(r.key()))).findFirst().orElseThrow();
        assertThat(passed.value()).as("passed on as it came").isEqualTo(topics.readAll(input).stream()
                .filter(r -> r.key() != null && "9".equals(new String(r.key()))).findFirst().orElseThrow().value());
        assertThat(DataHeaders.text(passed.headers(), ReplayHeaders.ROUTE)).isEqualTo("clean,load");
        assertThat(DataHeaders.text(passed.headers(), DataHeaders.TASK)).isEqualTo("clean");

        DeadLetter again = topics.specific(dead.get(0));
        assertThat(again.getReplayAttempt()).isEqualTo(2);
        assertThat(again.getFirstLetter()).isEqualTo("0-5");
        assertThat(again.getOriginalRunId()).isEqualTo("people@m-0");
        assertThat(done.stream().map(TaskStatus::getCounts).reduce(TransformServiceTest::sum).orElseThrow())
                .isEqualTo(new TaskCounts(4L, 2L, 1L, 1L));
    }

    /** One rule of a transform task and what its task counts must be over {@link #COUNTED_ROWS}. */
    record CountCase(String rule, long out, long rejected, long dropped) {
        @Override
        public String toString() {
            return rule;
        }
    }

    /**
     * Seven records in two partitions: id 1 twice in partition 0, id 3 three times in partition 1
     * (dedupe finds duplicates within a partition), one record without a name, two named "test".
     */
    private static final List<DataTopics.Data> COUNTED_ROWS = List.of(
            new DataTopics.Data(0, "1", row("1", "Ada", null, "1")),
            new DataTopics.Data(0, "1", row("1", "test", null, "1")),
            new DataTopics.Data(0, "2", row("2", null, null, "1")),
            new DataTopics.Data(1, "3", row("3", "Bob", null, "1")),
            new DataTopics.Data(1, "3", row("3", "Bob", null, "1")),
            new DataTopics.Data(1, "3", row("3", "test", null, "1")),
            new DataTopics.Data(1, "4", row("4", "Cy", null, "1")));

    static List<CountCase> countCases() {
        return List.of(
                new CountCase("dedupe: {key: [id]}", 4, 0, 3),
                new CountCase("dedupe: {key: [id], keep: last}", 7, 0, 0),
                new CountCase("dedupe: {key: [id], keep: reject}", 4, 3, 0),
                new CountCase("required: [name]", 6, 1, 0),
                // PluginLoaderTest's plug-in answers Verdict.drop for records whose name is "test".
                new CountCase("custom: {class: io.conveyor.transformer.plugin.PluginLoaderTest$DropMatching,"
                        + " config: {field: name, value: test}}", 5, 0, 2));
    }

    /** The bug this guards against: duplicates appeared in no count, so in != out + rejected. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("countCases")
    void everyRecordInIsCountedOutRejectedOrDropped(CountCase rule) throws Exception {
        String runId = "people@m-counts";
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), runId, command(runId, """
                name: people
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/people.csv}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    rules:
                      - %s
                    schema: {type: record, name: Person, namespace: test.counts, fields: [
                      {name: id, type: ["null", string]}, {name: name, type: ["null", string]},
                      {name: email, type: ["null", string]}, {name: amount, type: ["null", string]}]}
                """.formatted(rule.rule())));
        topics.produceRun(input, runId, "extract", 2, COUNTED_ROWS);

        List<TaskStatus> done = partitionDone(topics.readUntil(names.taskStatus(), reports -> partitionDone(reports).size() >= 2));
        List<ConsumerRecord<byte[], byte[]>> out = topics.readUntil(output, records -> DataTopics.ends(records) == 4);

        assertThat(done).allSatisfy(report -> assertThat(report.getCounts().getRecordsIn()).as("in = out + rejected + dropped in %s", report)
                .isEqualTo(report.getCounts().getRecordsOut() + report.getCounts().getRecordsRejected()
                        + report.getCounts().getRecordsDropped()));
        assertThat(done.stream().map(TaskStatus::getCounts).reduce(TransformServiceTest::sum).orElseThrow())
                .isEqualTo(new TaskCounts((long) COUNTED_ROWS.size(), rule.out(), rule.rejected(), rule.dropped()));
        assertThat(out.stream().filter(record -> !DataHeaders.isEnd(record.headers()))).hasSize((int) rule.out());
    }

    private static TaskCounts sum(TaskCounts a, TaskCounts b) {
        return new TaskCounts(a.getRecordsIn() + b.getRecordsIn(), a.getRecordsOut() + b.getRecordsOut(),
                a.getRecordsRejected() + b.getRecordsRejected(), a.getRecordsDropped() + b.getRecordsDropped());
    }

    @Test
    void recordsOfARunWithoutCommandWaitForIt() throws Exception {
        topics.produceRun(input, "people@m-late", "extract", 2, List.of(
                new DataTopics.Data(0, "1", row("1", "Ada", null, "1"))));
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), "people@m-early", command("people@m-early"));
        topics.produceRun(input, "people@m-early", "extract", 2, List.of(
                new DataTopics.Data(0, "2", row("2", "Bob", null, "2"))));

        topics.publish(names.taskCommands(TaskKind.TRANSFORM), "people@m-late", command("people@m-late"));
        List<ConsumerRecord<byte[], byte[]>> out = topics.readUntil(output, records -> DataTopics.ends(records) == 8);

        assertThat(out.stream().filter(record -> !DataHeaders.isEnd(record.headers()))
                .map(record -> DataHeaders.text(record.headers(), DataHeaders.RUN_ID)).toList())
                .containsExactlyInAnyOrder("people@m-late", "people@m-early");
    }

    @Test
    void strayRecordsAreQuarantinedWhileARunOnTheSamePartitionCompletes() throws Exception {
        service.close();
        service = new TransformService(settings("tf-1", new WorkerPolicy(FailurePolicy.defaults(), Duration.ofSeconds(1))),
                Clock.systemUTC());
        service.start();
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), "people@m-ok", command("people@m-ok"));
        // Ahead of the run on partition 0: a record without a run header and one of a run no command names.
        topics.produceWithoutRunHeader(input, 0, "stray", row("7", "Nobody", null, "1"));
        topics.produceUnfinished(input, "people@m-ghost", "extract", 2, List.of(
                new DataTopics.Data(0, "8", row("8", "Ghost", null, "1"))));
        topics.produceRun(input, "people@m-ok", "extract", 2, List.of(
                new DataTopics.Data(0, "1", row("1", "Ada", null, "1")),
                new DataTopics.Data(1, "2", row("2", "Bob", null, "2"))));

        List<ConsumerRecord<byte[], byte[]>> out = topics.readUntil(output, records -> DataTopics.ends(records) == 4);
        List<ConsumerRecord<byte[], byte[]>> quarantined = topics.readUntil(names.quarantine(), records -> records.size() == 2);
        List<TaskStatus> done = partitionDone(topics.readUntil(names.taskStatus(), reports -> partitionDone(reports).size() >= 2));

        assertThat(out.stream().filter(record -> !DataHeaders.isEnd(record.headers()))
                .map(record -> ((GenericRecord) topics.generic(record)).get("name").toString()).toList())
                .containsExactlyInAnyOrder("Ada", "Bob");
        assertThat(done).extracting(TaskStatus::getRunId).containsOnly("people@m-ok");
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = quarantined.stream()
                .collect(Collectors.toMap(record -> new String(record.key()), record -> record));
        assertThat(DataHeaders.text(byKey.get("stray").headers(), DeadLetters.EXCEPTION_CLASS))
                .isEqualTo(StrayRecords.NO_RUN_HEADER);
        assertThat(DataHeaders.text(byKey.get("8").headers(), DeadLetters.EXCEPTION_CLASS)).isEqualTo(StrayRecords.UNKNOWN_RUN);
        assertThat(DataHeaders.text(byKey.get("8").headers(), DeadLetters.EXCEPTION_MESSAGE)).contains("people@m-ghost");
        assertThat(DataHeaders.text(byKey.get("8").headers(), DeadLetters.TOPIC)).isEqualTo(input);
        assertThat(DataHeaders.text(byKey.get("8").headers(), DeadLetters.OFFSET)).isEqualTo("1");
        assertThat(DataHeaders.text(byKey.get("8").headers(), DeadLetters.CONNECTOR)).isEqualTo("people");
        assertThat(((GenericRecord) topics.generic(byKey.get("stray"))).get("name").toString()).isEqualTo("Nobody");
        assertThat(service.quarantined()).isEqualTo(2);
    }

    @Test
    void anOutputRecordTooLargeForKafkaIsDeadLetteredAndTheRunCompletes() throws Exception {
        service.close();
        Map<String, Object> smallRequests = new HashMap<>(stack.clientConfig());
        smallRequests.put("max.request.size", 4096);
        service = new TransformService(new TransformerSettings(smallRequests, names.prefix(), "tf-1", 3,
                new DedupeSettings(stateDir, 8 << 20, 2 << 20)), Clock.systemUTC());
        service.start();
        String runId = "people@m-big";
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), runId, command(runId, """
                name: people
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/people.csv}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    rules:
                      - derive: {field: name, expression: "concat(name, name, name, name, name, name, name, name)"}
                    schema: {type: record, name: Person, namespace: test.big, fields: [
                      {name: id, type: ["null", string]}, {name: name, type: ["null", string]},
                      {name: email, type: ["null", string]}, {name: amount, type: ["null", string]}]}
                """));
        topics.produceRun(input, runId, "extract", 2, List.of(
                new DataTopics.Data(0, "1", row("1", "Ada", null, "1")),
                new DataTopics.Data(0, "2", row("2", "x".repeat(1000), null, "1")),
                new DataTopics.Data(1, "3", row("3", "Cy", null, "1"))));

        List<TaskStatus> done = partitionDone(topics.readUntil(names.taskStatus(), reports -> partitionDone(reports).size() >= 2));
        List<ConsumerRecord<byte[], byte[]>> dead = topics.readUntil(names.deadLetters("people"), records -> !records.isEmpty());

        assertThat(done.stream().map(TaskStatus::getCounts).reduce(TransformServiceTest::sum).orElseThrow())
                .isEqualTo(new TaskCounts(3L, 2L, 1L, 0L));
        DeadLetter letter = topics.specific(dead.get(0));
        assertThat(new String(dead.get(0).key())).isEqualTo("2");
        assertThat(letter.getRule()).isEqualTo("record-too-large");
        assertThat(letter.getExceptionClass()).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
        assertThat(letter.getMessage()).contains(output, "max.request.size of 4096 bytes");
    }

    /**
     * The race this guards against: a worker starting while its dedupe changelog was just created
     * could die reading the changelog's end offset, and its task stayed READY for ever.
     */
    @RepeatedTest(5)
    void twoTransformPipelinesTriggeredAtTheSameMomentBothComplete() throws Exception {
        String otherInput = names.data("other", "extract");
        String otherOutput = names.data("other", "clean");
        stack.createTopics(2, otherInput, otherOutput);
        stack.createTopics(1, names.deadLetters("other"));
        TaskCommand other = TaskCommand.newBuilder(command("other@m-1")).setPipeline("other")
                .setInputTopics(List.of(otherInput)).setOutputTopic(otherOutput)
                .setDeadLetterTopic(names.deadLetters("other")).build();
        List<DataTopics.Data> rows = List.of(new DataTopics.Data(0, "1", row("1", "Ada", null, "1")),
                new DataTopics.Data(1, "2", row("2", "Bob", null, "2")));
        topics.produceRun(input, "people@m-1", "extract", 2, rows);
        topics.produceRun(otherInput, "other@m-1", "extract", 2, rows);

        Thread first = new Thread(() -> topics.publish(names.taskCommands(TaskKind.TRANSFORM), "people@m-1",
                uncheckedCommand("people@m-1")));
        Thread second = new Thread(() -> topics.publish(names.taskCommands(TaskKind.TRANSFORM), "other@m-1", other));
        first.start();
        second.start();
        first.join();
        second.join();

        assertThat(DataTopics.ends(topics.readUntil(output, records -> DataTopics.ends(records) == 4))).isEqualTo(4);
        assertThat(DataTopics.ends(topics.readUntil(otherOutput, records -> DataTopics.ends(records) == 4))).isEqualTo(4);
        assertThat(partitionDone(topics.readUntil(names.taskStatus(), reports -> partitionDone(reports).size() >= 4)))
                .extracting(TaskStatus::getRunId).containsExactlyInAnyOrder("people@m-1", "people@m-1", "other@m-1", "other@m-1");
    }

    private TaskCommand uncheckedCommand(String runId) {
        try {
            return command(runId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTransformerReplacedMidRunWritesEveryRecordExactlyOnce() throws Exception {
        int records = 200;
        List<DataTopics.Data> rows = new ArrayList<>();
        for (int id = 0; id < records; id++) {
            rows.add(new DataTopics.Data(id % 2, Integer.toString(id), row(Integer.toString(id), "p" + id, null, "1")));
        }
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), "people@m-r", command("people@m-r"));
        topics.produceRun(input, "people@m-r", "extract", 2, rows);
        topics.readUntil(output, written -> !written.isEmpty());

        service.close();
        service = new TransformService(settings("tf-2"), Clock.systemUTC());
        service.start();
        List<ConsumerRecord<byte[], byte[]>> out = topics.readUntil(output, written -> DataTopics.ends(written) == 4);
        List<TaskStatus> done = partitionDone(topics.readUntil(names.taskStatus(), reports -> partitionDone(reports).size() >= 2));

        List<Object> ids = out.stream().filter(record -> !DataHeaders.isEnd(record.headers()))
                .map(record -> ((GenericRecord) topics.generic(record)).get("id")).toList();
        assertThat(ids).hasSize(records).doesNotHaveDuplicates();
        assertThat(done.stream().mapToLong(report -> report.getCounts().getRecordsOut()).sum()).isEqualTo(records);
    }

    @Test
    void twoInstancesShareTheInputAndCloseEveryPartitionOnce() throws Exception {
        int records = 100;
        List<DataTopics.Data> rows = new ArrayList<>();
        for (int id = 0; id < records; id++) {
            rows.add(new DataTopics.Data(id % 2, Integer.toString(id), row(Integer.toString(id), "p" + id, null, "1")));
        }
        try (TransformService second = new TransformService(settings("tf-2"), Clock.systemUTC())) {
            second.start();
            topics.publish(names.taskCommands(TaskKind.TRANSFORM), "people@m-2i", command("people@m-2i"));
            topics.produceRun(input, "people@m-2i", "extract", 2, rows);

            List<ConsumerRecord<byte[], byte[]>> out = topics.readUntil(output, written -> DataTopics.ends(written) == 4);
            List<TaskStatus> done = partitionDone(topics.readUntil(names.taskStatus(), reports -> partitionDone(reports).size() >= 2));

            assertThat(out.stream().filter(record -> !DataHeaders.isEnd(record.headers()))
                    .map(record -> ((GenericRecord) topics.generic(record)).get("id")).toList())
                    .hasSize(records).doesNotHaveDuplicates();
            assertThat(done).extracting(TaskStatus::getPartition).containsExactlyInAnyOrder(0, 1);
        }
    }

    @Test
    void aTargetSchemaTheRegistryRefusesFailsTheTask() throws Exception {
        new SchemaRegistryClient(stack.registryUrl()).register(output + "-value", new Schema.Parser().parse("""
                {"type": "record", "name": "Person", "namespace": "test.people", "fields": [
                  {"name": "id", "type": "string"}]}"""));
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), "people@m-s", command("people@m-s"));
        topics.produceRun(input, "people@m-s", "extract", 2, List.of(
                new DataTopics.Data(0, "1", row("1", "Ada", null, "1"))));

        TaskStatus failed = topics.specific(topics.readUntil(names.taskStatus(), reports -> !reports.isEmpty()).get(0));

        assertThat(failed.getState()).isEqualTo(TaskStatusType.FAILED);
        assertThat(failed.getRunId()).isEqualTo("people@m-s");
        assertThat(failed.getMessage()).contains("incompatible").contains(output + "-value");
    }

    @Test
    void aTransformWithoutSchemaWritesTheSchemaItsRulesInferUnderTheSourcesOwnNames() throws Exception {
        String pipeline = """
                name: people
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/incidents.csv}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    rules:
                      - filter: {drop: "`Incident Type` == 'test'"}
                      - rename: {from: "Cost Total $", to: cost}
                      - coerce: {field: cost, type: "decimal(8,2)"}
                      - coerce: {field: "Reported On", type: date, format: "MMM d yyyy", locale: en}
                      - required: ["Incident ID"]
                      - range: {field: "Reported On", min: 2000-01-01}
                """;
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), "people@m-i", command("people@m-i", pipeline));
        topics.produceRun(input, "people@m-i", "extract", 2, List.of(
                new DataTopics.Data(0, "1", incident("1", "fire", "12.50", "Jun 12 2001")),
                new DataTopics.Data(0, "2", incident("2", "test", "1", "Jun 12 2001")),
                new DataTopics.Data(1, "3", incident("3", "flood", "7", "Jun 12 1998"))));

        List<ConsumerRecord<byte[], byte[]>> out = topics.readUntil(output, records -> DataTopics.ends(records) == 4);
        List<TaskStatus> done = partitionDone(topics.readUntil(names.taskStatus(), reports -> partitionDone(reports).size() >= 2));

        assertThat(out.stream().filter(record -> !DataHeaders.isEnd(record.headers())).map(topics::generic)
                .map(Object::toString).toList()).containsExactly("{\"Incident_ID\": \"1\", \"Incident_Type\": \"fire\", "
                + "\"Reported_On\": 11485, \"cost\": " + decimal("12.50") + "}");
        assertThat(new SchemaRegistryClient(stack.registryUrl()).latest(output + "-value").schema().toString()).isEqualTo(
                "{\"type\":\"record\",\"name\":\"people_clean\",\"namespace\":\"io.conveyor.data\",\"fields\":["
                        + "{\"name\":\"Incident_ID\",\"type\":\"string\"},"
                        + "{\"name\":\"Incident_Type\",\"type\":[\"null\",\"string\"],\"default\":null},"
                        + "{\"name\":\"Reported_On\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],"
                        + "\"default\":null},"
                        + "{\"name\":\"cost\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                        + "\"precision\":8,\"scale\":2}],\"default\":null}]}");
        // One record kept, one dropped by the filter, one rejected by the range: never silently null.
        assertThat(done.stream().mapToLong(report -> report.getCounts().getRecordsOut()).sum()).isEqualTo(1);
        assertThat(done.stream().mapToLong(report -> report.getCounts().getRecordsRejected()).sum()).isEqualTo(1);
    }

    @Test
    void aRuleNamingAFieldTheRecordsLackFailsTheTaskSayingWhichFieldWasMeant() throws Exception {
        String pipeline = """
                name: people
                tasks:
                  - {id: extract, kind: extract, source: {type: csv, path: /data/incidents.csv}}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    rules:
                      - trim: "*"
                      - coerce: {field: "Cost Totl $", type: double}
                """;
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), "people@m-u", command("people@m-u", pipeline));
        topics.produceRun(input, "people@m-u", "extract", 2, List.of(
                new DataTopics.Data(0, "1", incident("1", "fire", "12.50", "Jun 12 2001"))));

        TaskStatus failed = topics.specific(topics.readUntil(names.taskStatus(), reports -> reports.stream()
                .map(record -> topics.<TaskStatus>specific(record))
                .anyMatch(report -> report.getState() == TaskStatusType.FAILED)).stream()
                .filter(record -> topics.<TaskStatus>specific(record).getState() == TaskStatusType.FAILED).findFirst().orElseThrow());

        assertThat(failed.getRunId()).isEqualTo("people@m-u");
        assertThat(failed.getMessage()).isEqualTo("the input records (test.csv.Incident) do not fit the rules: "
                + "coerce#2: unknown field 'Cost Totl $' (did you mean 'Cost Total $'?)");
    }

    private List<TaskStatus> partitionDone(List<ConsumerRecord<byte[], byte[]>> status) {
        return status.stream().map(record -> topics.<TaskStatus>specific(record))
                .filter(report -> report.getState() == TaskStatusType.PARTITION_DONE).toList();
    }

    private void assertDeadLetters(List<ConsumerRecord<byte[], byte[]>> dead) {
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = dead.stream()
                .collect(Collectors.toMap(record -> new String(record.key()), record -> record));
        assertThat(byKey.keySet()).containsExactlyInAnyOrder("2", "3", "5", "6");
        DeadLetter missingName = topics.specific(byKey.get("2"));
        assertThat(missingName.getStage()).isEqualTo(Stage.TRANSFORM);
        assertThat(missingName.getRule()).isEqualTo("required#3");
        assertThat(missingName.getField()).isEqualTo("name");
        assertThat(missingName.getRunId()).isEqualTo("people@m-1");
        assertThat(missingName.getTaskId()).isEqualTo("clean");
        assertThat(missingName.getAttempt()).isEqualTo(1);
        assertThat(missingName.getSourceTopic()).isEqualTo(input);
        assertThat(missingName.getSourcePartition()).isEqualTo(0);
        assertThat(missingName.getSourceOffset()).isEqualTo(1L);
        assertThat(topics.generic(original(missingName)).toString()).contains("\"name\": \"N/A\"");
        assertThat(missingName.getOriginalHeaders()).extracting(header -> header.getKey())
                .containsExactly(DataHeaders.RUN_ID, DataHeaders.TASK);
        assertThat(DataHeaders.text(byKey.get("2").headers(), DeadLetters.STAGE)).isEqualTo("TRANSFORM");
        assertThat(DataHeaders.text(byKey.get("2").headers(), DeadLetters.RULE)).isEqualTo("required#3");
        assertThat(DataHeaders.text(byKey.get("2").headers(), DeadLetters.TOPIC)).isEqualTo(input);
        assertThat(DataHeaders.text(byKey.get("2").headers(), DeadLetters.OFFSET)).isEqualTo("1");
        assertThat(DataHeaders.text(byKey.get("2").headers(), DataHeaders.RUN_ID)).isEqualTo("people@m-1");

        assertThat(List.of(byKey.get("3"), byKey.get("5"), byKey.get("6")).stream()
                .map(record -> topics.<DeadLetter>specific(record))
                .map(letter -> letter.getRule() + "/" + letter.getField()).toList())
                .containsExactly("email#6/email", "coerce#4/id", "coerce#5/amount");
    }

    private ConsumerRecord<byte[], byte[]> original(DeadLetter letter) {
        ByteBuffer value = letter.getOriginalValue();
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        return new ConsumerRecord<>(input, 0, 0L, null, bytes);
    }

    private TransformerSettings settings(String instance) {
        return settings(instance, WorkerPolicy.defaults());
    }

    private TransformerSettings settings(String instance, WorkerPolicy worker) {
        return new TransformerSettings(stack.clientConfig(), names.prefix(), instance, 3,
                new DedupeSettings(stateDir, 8 << 20, 2 << 20), worker,
                PluginAllowList.of("io.conveyor.transformer.plugin.PluginLoaderTest$DropMatching"));
    }

    private TaskCommand command(String runId) throws Exception {
        return command(runId, PIPELINE);
    }

    private TaskCommand command(String runId, String pipeline) throws Exception {
        TaskSpec clean = PipelineLoader.parse(pipeline, "people.yaml").task("clean").orElseThrow();
        return TaskCommand.newBuilder().setRunId(runId).setPipeline("people").setTaskId("clean")
                .setKind(TaskKind.TRANSFORM).setAttempt(1).setAction(TaskAction.START)
                .setConfig(clean.canonicalJson()).setInputTopics(List.of(input)).setOutputTopic(output)
                .setDeadLetterTopic(names.deadLetters("people")).setIssuedAt(Instant.now()).build();
    }

    /** As the extractor reads a CSV file with the header "Incident ID,Incident Type,Cost Total $,Reported On". */
    private static final Schema INCIDENTS = new Schema.Parser().parse("""
            {"type": "record", "name": "Incident", "namespace": "test.csv", "fields": [
              {"name": "Incident_ID", "type": ["null", "string"], "conveyor.originalName": "Incident ID"},
              {"name": "Incident_Type", "type": ["null", "string"], "conveyor.originalName": "Incident Type"},
              {"name": "Cost_Total__", "type": ["null", "string"], "conveyor.originalName": "Cost Total $"},
              {"name": "Reported_On", "type": ["null", "string"], "conveyor.originalName": "Reported On"}]}
            """);

    private static GenericRecord incident(String id, String type, String cost, String reportedOn) {
        return new GenericRecordBuilder(INCIDENTS).set("Incident_ID", id).set("Incident_Type", type)
                .set("Cost_Total__", cost).set("Reported_On", reportedOn).build();
    }

    private static GenericRecord row(String id, String name, String email, String amount) {
        return new GenericRecordBuilder(CSV).set("id", id).set("name", name).set("email", email).set("amount", amount)
                .build();
    }

    /** How Avro's generic toString prints a decimal held as bytes. */
    private static String decimal(String value) {
        Schema bytes = LogicalTypes.decimal(8, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        ByteBuffer buffer = new Conversions.DecimalConversion().toBytes(new BigDecimal(value), bytes, bytes.getLogicalType());
        return GenericData.get().toString(buffer);
    }
}
