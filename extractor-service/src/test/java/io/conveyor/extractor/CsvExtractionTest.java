package io.conveyor.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ConveyorStackExtension.class)
class CsvExtractionTest {

    private static final String CSV = """
            order id,customer,amount
            1,"Smith, Anna",10.50
            2,Bob,7
            3,"a"b"c",9
            4,Carl,1,extra
            5,"multi
            line",3
            """;

    @TempDir
    Path dir;

    @Test
    void extractsEveryGoodRowRejectsTheBadOneAndClosesEveryPartition(ConveyorStack stack) throws Exception {
        ExtractorHarness harness = new ExtractorHarness(stack, "orders");
        String output = harness.createOutput("extract", 3);
        Path file = dir.resolve("orders.csv");
        Files.writeString(file, CSV);
        String config = TaskConfigs.canonicalTaskJson("orders", """
                  - id: extract
                    kind: extract
                    batchSize: 2
                    key: [order id]
                    source: {type: csv, path: "%s"}
                """.formatted(file));

        try (ApplicationContext extractor = harness.startExtractor("a", Map.of("conveyor.extractor.progress-every-batches", 1))) {
            harness.start("orders@m-1", "extract", config);
            List<TaskStatus> statuses = harness.awaitState("orders@m-1", "extract", TaskStatusType.SUCCEEDED);

            assertThat(statuses).extracting(TaskStatus::getState).containsExactly(TaskStatusType.STARTED,
                    TaskStatusType.PROGRESS, TaskStatusType.PROGRESS, TaskStatusType.SUCCEEDED);
            assertThat(statuses.get(2).getCounts().getRecordsIn()).isEqualTo(4);
            assertThat(statuses).allSatisfy(status -> assertThat(status.getInstance()).isEqualTo("a"));
            TaskStatus succeeded = statuses.get(statuses.size() - 1);
            assertThat(succeeded.getCounts().getRecordsOut()).isEqualTo(3);
            assertThat(succeeded.getCounts().getRecordsRejected()).isEqualTo(2);
            // Every item read is written or rejected: in = out + rejected (+ dropped, which an extractor never does).
            assertThat(succeeded.getCounts()).isEqualTo(new TaskCounts(5L, 3L, 2L, 0L));
        }
        List<ConsumerRecord<byte[], byte[]>> records = harness.readAll(output);
        List<ConsumerRecord<byte[], byte[]>> data = records.stream().filter(r -> !ExtractorHarness.isEnd(r)).toList();
        List<String> rows = data.stream().map(r -> {
            GenericRecord value = harness.decode(output, r.value(), false);
            return value.get("order_id") + "|" + value.get("customer") + "|" + value.get("amount");
        }).sorted().toList();
        assertThat(rows).containsExactly("1|Smith, Anna|10.50", "2|Bob|7", "5|multi\nline|3");
        assertThat(data).allSatisfy(r -> {
            assertThat(ExtractorHarness.header(r, "conveyor.run-id")).contains("orders@m-1");
            assertThat(ExtractorHarness.header(r, "conveyor.task")).contains("extract");
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isIn("1", "2", "5");
        });
        GenericRecord first = harness.decode(output, data.get(0).value(), false);
        assertThat(first.getSchema().getField("order_id").getProp("conveyor.originalName")).isEqualTo("order id");
        assertEndMarkers(records, 3);

        List<ConsumerRecord<byte[], byte[]>> rejects = harness.readAll(harness.names.deadLetters("orders"));
        assertThat(rejects).hasSize(2);
        DeadLetter letter = harness.decode(harness.names.deadLetters("orders"), rejects.get(0).value(), true);
        assertThat(letter.getStage()).isEqualTo(Stage.EXTRACT);
        assertThat(letter.getSourcePosition()).isEqualTo(file + ":4");
        assertThat(StandardCharsets.UTF_8.decode(letter.getOriginalValue()).toString()).isEqualTo("3,\"a\"b\"c\",9");
        assertThat(letter.getRunId()).isEqualTo("orders@m-1");
        assertThat(letter.getTaskId()).isEqualTo("extract");
        assertThat(letter.getExceptionClass()).isNotBlank();
        assertThat(ExtractorHarness.header(rejects.get(0), "__connect.errors.stage")).contains("EXTRACT");
        assertThat(ExtractorHarness.header(rejects.get(0), "__connect.errors.exception.class.name")).contains(letter.getExceptionClass());
        assertThat(ExtractorHarness.header(rejects.get(0), "conveyor.run-id")).contains("orders@m-1");
        // Named as docs/configuration-extractor.md and docs/architecture.md#dead-letters promise.
        assertThat(ExtractorHarness.header(rejects.get(0), "__connect.errors.source.position")).contains(file + ":4");
        DeadLetter second = harness.decode(harness.names.deadLetters("orders"), rejects.get(1).value(), true);
        assertThat(second.getSourcePosition()).isEqualTo(file + ":5");
        assertThat(second.getMessage()).contains("expected 3 columns but found 4");
    }

    @Test
    void aFiftyMegabyteLineAndARecordTooLargeForKafkaAreDeadLetteredAndTheRunSucceeds(ConveyorStack stack) throws Exception {
        ExtractorHarness harness = new ExtractorHarness(stack, "huge");
        String output = harness.createOutput("extract", 1);
        Path file = dir.resolve("huge.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("id,text\n1,a\n2,".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            // Within the source's bound of 1,000,000 bytes, but over it once serialized with its headers.
            out.write(("\n3," + "y".repeat(999_990) + "\n4,d\n").getBytes(StandardCharsets.UTF_8));
        }
        try (ApplicationContext extractor = harness.startExtractor("c")) {
            harness.start("huge@m-1", "extract", TaskConfigs.canonicalTaskJson("huge", """
                      - id: extract
                        kind: extract
                        source: {type: csv, path: "%s"}
                    """.formatted(file)));
            List<TaskStatus> statuses = harness.awaitState("huge@m-1", "extract", TaskStatusType.SUCCEEDED);
            assertThat(statuses.get(statuses.size() - 1).getCounts()).isEqualTo(new TaskCounts(4L, 2L, 2L, 0L));
        }
        assertThat(harness.readAll(output).stream().filter(r -> !ExtractorHarness.isEnd(r))
                .map(r -> harness.<GenericRecord>decode(output, r.value(), false).get("text").toString()))
                .containsExactly("a", "d");
        String topic = harness.names.deadLetters("huge");
        List<ConsumerRecord<byte[], byte[]>> rejects = harness.readAll(topic);
        assertThat(rejects).hasSize(2);
        DeadLetter line = harness.decode(topic, rejects.get(0).value(), true);
        assertThat(line.getSourcePosition()).isEqualTo(file + ":3");
        assertThat(line.getMessage()).contains("longer than the limit of 1,000,000 bytes (conveyor.extractor.max-record-bytes)");
        assertThat(line.getOriginalValue().remaining()).isLessThanOrEqualTo(1_000_000);
        DeadLetter record = harness.decode(topic, rejects.get(1).value(), true);
        assertThat(record.getExceptionClass()).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
        assertThat(record.getMessage()).contains("more than the limit of 1,000,000 bytes");
        assertThat(ExtractorHarness.header(rejects.get(1), "conveyor.original-truncated")).hasValueSatisfying(
                truncated -> assertThat(truncated).contains("first 500000 kept"));
    }

    @Test
    void readsGzipCsvAndFailsTheTaskAboveTheRejectThreshold(ConveyorStack stack) throws Exception {
        ExtractorHarness harness = new ExtractorHarness(stack, "gz");
        String output = harness.createOutput("extract", 1);
        Path file = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a;b\n1;x\n2;y\n3;z;extra\n".getBytes(StandardCharsets.UTF_8));
        }
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b\n1,ok\n2\n3\n");
        try (ApplicationContext extractor = harness.startExtractor("b")) {
            harness.start("gz@m-1", "extract", TaskConfigs.canonicalTaskJson("gz", """
                      - id: extract
                        kind: extract
                        source: {type: csv, path: "%s", delimiter: ";"}
                    """.formatted(file)));
            harness.start("gz@m-2", "extract", TaskConfigs.canonicalTaskJson("gz", """
                      - id: extract
                        kind: extract
                        batchSize: 1
                        rejectThreshold: 50%%
                        source: {type: csv, path: "%s"}
                    """.formatted(bad)));
            harness.awaitState("gz@m-1", "extract", TaskStatusType.SUCCEEDED);
            List<TaskStatus> failed = harness.awaitState("gz@m-2", "extract", TaskStatusType.FAILED);
            assertThat(failed.get(failed.size() - 1).getMessage()).contains("rejected 2 of 3");
        }
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byRun = harness.readAll(output).stream()
                .collect(Collectors.groupingBy(r -> ExtractorHarness.header(r, "conveyor.run-id").orElseThrow()));
        assertThat(byRun.get("gz@m-1").stream().filter(r -> !ExtractorHarness.isEnd(r))
                .map(r -> harness.<GenericRecord>decode(output, r.value(), false).get("b").toString()))
                .containsExactly("x", "y");
        assertThat(byRun.get("gz@m-2")).as("the batches before the threshold check stay, the last one with END markers is aborted")
                .hasSize(1).noneMatch(ExtractorHarness::isEnd);
    }

    static void assertEndMarkers(List<ConsumerRecord<byte[], byte[]>> records, int partitions) {
        List<ConsumerRecord<byte[], byte[]>> ends = records.stream().filter(ExtractorHarness::isEnd).toList();
        assertThat(ends).hasSize(partitions);
        assertThat(ends.stream().map(ConsumerRecord::partition).distinct()).hasSize(partitions);
        for (ConsumerRecord<byte[], byte[]> end : ends) {
            long dataInPartition = records.stream().filter(r -> r.partition() == end.partition() && !ExtractorHarness.isEnd(r)).count();
            assertThat(ExtractorHarness.header(end, "conveyor.count")).contains(Long.toString(dataInPartition));
            assertThat(ExtractorHarness.header(end, "conveyor.shard")).contains("0");
            assertThat(ExtractorHarness.header(end, "conveyor.shards")).contains("1");
            assertThat(end.value()).isNull();
        }
    }
}
