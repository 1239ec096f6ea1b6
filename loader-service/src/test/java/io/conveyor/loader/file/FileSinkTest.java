package io.conveyor.loader.file;

import static io.conveyor.loader.sink.SinkFixture.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskStatus;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.loader.sink.SinkFixture;
import io.conveyor.loader.stream.LoadService;
import io.conveyor.pipeline.spec.sink.FileFormat;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.serde.avro.AvroConversions;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ConveyorStackExtension.class)
class FileSinkTest {

    private static final String TAIL = ",2000-01-02,2024-05-06T07:08:09.120Z";

    private final ConveyorStack stack;
    @TempDir
    Path directory;
    private SinkFixture fixture;
    private LoadService service;

    FileSinkTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void start() {
        fixture = new SinkFixture(stack);
        service = fixture.service(2);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void twoConcurrentRunsEachWriteExactlyTheirRecordsInPartitionAndOffsetOrder() throws Exception {
        fixture.command("people@f-a", new FileSink(directory.resolve("out-{run}.csv").toString(), FileFormat.CSV));
        fixture.command("people@f-b", new FileSink(directory.resolve("out-{run}.jsonl").toString(), FileFormat.JSONL));
        fixture.topics.produceUnfinished(fixture.input, "people@f-a", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada, \"the\" first", "1.10")),
                new DataTopics.Data(1, "2", person(2, null, "2")),
                new DataTopics.Data(0, "3", person(3, "", "3.30"))));
        fixture.topics.produceUnfinished(fixture.input, "people@f-b", "clean", 2, List.of(
                new DataTopics.Data(1, "10", person(10, "Bo", "10.5")),
                new DataTopics.Data(1, "12", "not avro".getBytes(StandardCharsets.UTF_8)),
                new DataTopics.Data(0, "11", person(11, "Cy", "0.01"))));
        fixture.topics.produceUnfinished(fixture.input, "people@f-a", "clean", 2, List.of(
                new DataTopics.Data(1, "4", person(4, "Di", "-4.25"))));
        fixture.topics.produceEnds(fixture.input, "people@f-a", "clean", 2, 2);
        fixture.topics.produceEnds(fixture.input, "people@f-b", "clean", 1, 2);

        fixture.awaitDone("people@f-a", 2);
        List<TaskStatus> doneB = fixture.awaitDone("people@f-b", 2);
        Path csv = directory.resolve("out-people_f-a.csv");
        Path jsonl = directory.resolve("out-people_f-b.jsonl");
        SinkFixture.await("both outputs", () -> Files.exists(csv) && Files.exists(jsonl));

        assertThat(Files.readString(csv)).isEqualTo("id,name,amount,born,seen\r\n"
                + "1,\"Ada, \"\"the\"\" first\",1.10" + TAIL + "\r\n"
                + "3,\"\",3.30" + TAIL + "\r\n"
                + "2,,2.00" + TAIL + "\r\n"
                + "4,Di,-4.25" + TAIL + "\r\n");
        assertThat(Files.readAllLines(jsonl)).containsExactly(
                "{\"id\":11,\"name\":\"Cy\",\"amount\":0.01,\"born\":\"2000-01-02\",\"seen\":\"2024-05-06T07:08:09.120Z\"}",
                "{\"id\":10,\"name\":\"Bo\",\"amount\":10.50,\"born\":\"2000-01-02\",\"seen\":\"2024-05-06T07:08:09.120Z\"}");
        assertThat(stagedFiles()).isZero();
        assertThat(doneB).extracting(status -> status.getPartition() + ":" + status.getCounts().getRecordsOut() + ":"
                + status.getCounts().getRecordsRejected()).containsExactlyInAnyOrder("0:1:0", "1:1:1");
        List<ConsumerRecord<byte[], byte[]>> dead = fixture.topics.readUntil(fixture.names.deadLetters(SinkFixture.PIPELINE),
                records -> !records.isEmpty());
        DeadLetter letter = fixture.topics.specific(dead.get(0));
        assertThat(letter.getStage()).isEqualTo(Stage.LOAD);
        assertThat(letter.getRule()).isEqualTo("deserialize");
        assertThat(letter.getRunId()).isEqualTo("people@f-b");
        assertThat(letter.getSourcePartition()).isEqualTo(1);
    }

    @Test
    void parquetOutputReadsBackWithParquetAvro() throws Exception {
        Path output = directory.resolve("people.parquet");
        fixture.command("people@f-p", new FileSink(output.toString(), FileFormat.PARQUET));
        fixture.topics.produceRun(fixture.input, "people@f-p", "clean", 2, List.of(
                new DataTopics.Data(1, "1", person(1, "Ada", "1.10")),
                new DataTopics.Data(0, "2", person(2, null, "-2.20")),
                new DataTopics.Data(1, "3", person(3, "Cy", "3"))));

        fixture.awaitDone("people@f-p", 2);
        SinkFixture.await("the Parquet output", () -> Files.exists(output));

        List<String> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(output),
                new PlainParquetConfiguration()).withDataModel(AvroConversions.genericData()).build()) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                rows.add(record.get("id") + "|" + record.get("name") + "|" + ((BigDecimal) record.get("amount")).toPlainString()
                        + "|" + record.get("born") + "|" + record.get("seen"));
            }
        }
        assertThat(rows).containsExactly(
                "2|null|-2.20|2000-01-02|2024-05-06T07:08:09.120Z",
                "1|Ada|1.10|2000-01-02|2024-05-06T07:08:09.120Z",
                "3|Cy|3.00|2000-01-02|2024-05-06T07:08:09.120Z");
        assertThat(stagedFiles()).isZero();
    }

    @Test
    void aRunThatFailsBeforeItsInputEndsLeavesNoFile() throws Exception {
        Path output = directory.resolve("failing.csv");
        fixture.command("people@f-x", new FileSink(output.toString(), FileFormat.CSV));
        fixture.topics.produceUnfinished(fixture.input, "people@f-x", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1")), new DataTopics.Data(1, "2", person(2, "Bob", "2"))));
        SinkFixture.await("parts of both partitions staged", () -> stagedFiles() == 2);

        fixture.runEnded("people@f-x", RunEventType.FAILED);

        SinkFixture.await("the failed run's staging removed", () -> stagedFiles() == 0);
        assertThat(output).doesNotExist();
    }

    /** Files in staging directories, or -1 when the loader removed some while counting: ask again. */
    private long stagedFiles() {
        Path staging = directory.resolve(".conveyor-staging");
        if (!Files.exists(staging)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}
