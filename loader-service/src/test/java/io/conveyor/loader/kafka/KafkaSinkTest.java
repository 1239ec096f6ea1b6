package io.conveyor.loader.kafka;

import static io.conveyor.loader.sink.SinkFixture.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.loader.sink.SinkFixture;
import io.conveyor.loader.stream.LoadService;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.sink.KafkaSink;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class KafkaSinkTest {

    private final ConveyorStack stack;
    private SinkFixture fixture;
    private LoadService service;

    KafkaSinkTest(ConveyorStack stack) {
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
    void twoConcurrentRunsWriteExactlyTheirRecordsToTheTopicWithoutEndMarkers() throws Exception {
        String target = fixture.names.prefix() + ".people-out";
        stack.createTopics(3, target);
        fixture.command("people@k-a", new KafkaSink(target));
        fixture.command("people@k-b", new KafkaSink(target));
        fixture.topics.produceUnfinished(fixture.input, "people@k-a", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1.10")),
                new DataTopics.Data(1, "2", person(2, null, "2"))));
        fixture.topics.produceUnfinished(fixture.input, "people@k-b", "clean", 2, List.of(
                new DataTopics.Data(1, "10", person(10, "Bo", "10.5")),
                new DataTopics.Data(0, "12", "not avro".getBytes(StandardCharsets.UTF_8)),
                new DataTopics.Data(0, "11", person(11, "Cy", "0.01"))));
        fixture.topics.produceUnfinished(fixture.input, "people@k-a", "clean", 2, List.of(
                new DataTopics.Data(0, "3", person(3, "Cy", "3.30"))));
        fixture.topics.produceEnds(fixture.input, "people@k-a", "clean", 2, 1);
        fixture.topics.produceEnds(fixture.input, "people@k-b", "clean", 2, 1);

        fixture.awaitDone("people@k-a", 2);
        fixture.awaitDone("people@k-b", 2);
        List<ConsumerRecord<byte[], byte[]>> written = fixture.topics.readUntil(target, records -> records.size() >= 5);

        assertThat(written).extracting(record -> DataHeaders.text(record.headers(), DataHeaders.RUN_ID) + ":"
                + new String(record.key(), StandardCharsets.UTF_8) + ":" + ((GenericRecord) fixture.topics.generic(record)).get("id"))
                .containsExactlyInAnyOrder("people@k-a:1:1", "people@k-a:2:2", "people@k-a:3:3",
                        "people@k-b:10:10", "people@k-b:11:11");
        assertThat(DataTopics.ends(written)).isZero();
        assertThat(new SchemaRegistryClient(stack.registryUrl()).latest(target + "-value").schema())
                .isEqualTo(SinkFixture.PERSON);
        List<ConsumerRecord<byte[], byte[]>> dead = fixture.topics.readUntil(fixture.names.deadLetters(SinkFixture.PIPELINE),
                records -> !records.isEmpty());
        DeadLetter letter = fixture.topics.specific(dead.get(0));
        assertThat(letter.getStage()).isEqualTo(Stage.LOAD);
        assertThat(letter.getRunId()).isEqualTo("people@k-b");
        assertThat(letter.getRule()).isEqualTo("deserialize");
    }

    @Test
    void aSchemaTheRegistryRefusesForTheTopicRejectsTheRecordsAndThePartitionReportsThem() throws Exception {
        String target = fixture.names.prefix() + ".strict";
        stack.createTopics(1, target);
        new SchemaRegistryClient(stack.registryUrl()).register(target + "-value", new Schema.Parser().parse("""
                {"type": "record", "name": "Person", "namespace": "test.sink", "fields": [{"name": "id", "type": "string"}]}
                """));
        TaskSettings noRejects = new TaskSettings(100, TaskSettings.DEFAULT.retry(), Optional.empty(), 0, 0.0);
        fixture.command("people@k-x", new KafkaSink(target), noRejects);
        fixture.topics.produceRun(fixture.input, "people@k-x", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1"))));

        // The partition reports its counts; the tracker judges the threshold over the task's totals.
        List<TaskStatus> done = fixture.awaitDone("people@k-x", 2);

        assertThat(done.stream().map(TaskStatus::getCounts).reduce((a, b) -> new TaskCounts(a.getRecordsIn() + b.getRecordsIn(),
                a.getRecordsOut() + b.getRecordsOut(), a.getRecordsRejected() + b.getRecordsRejected(),
                a.getRecordsDropped() + b.getRecordsDropped())))
                .contains(new TaskCounts(1L, 0L, 1L, 0L));
        List<ConsumerRecord<byte[], byte[]>> dead = fixture.topics.readUntil(fixture.names.deadLetters(SinkFixture.PIPELINE),
                records -> !records.isEmpty());
        DeadLetter letter = fixture.topics.specific(dead.get(0));
        assertThat(letter.getRule()).isEqualTo("schema-incompatible");
        assertThat(letter.getMessage()).contains(target + "-value");
    }
}
