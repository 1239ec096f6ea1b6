package io.conveyor.loader.sink;

import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.loader.LoaderApplication;
import io.conveyor.loader.stream.LoadService;
import io.conveyor.loader.stream.LoaderSettings;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/** The loader's topics on the test stack, and helpers to command load runs of file and Kafka sinks and await them. */
public final class SinkFixture {

    public static final String PIPELINE = "people";

    public static final Schema PERSON = new Schema.Parser().parse("""
            {"type": "record", "name": "Person", "namespace": "test.sink", "fields": [
              {"name": "id", "type": "long"},
              {"name": "name", "type": ["null", "string"], "default": null},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
              {"name": "born", "type": {"type": "int", "logicalType": "date"}},
              {"name": "seen", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}
            """);

    public final ConveyorStack stack;
    public final DataTopics topics;
    public final TopicNames names;
    public final String input;

    public SinkFixture(ConveyorStack stack) {
        this.stack = stack;
        this.topics = new DataTopics(stack);
        this.names = new TopicNames(ConveyorStack.uniqueName("sk"));
        this.input = names.data(PIPELINE, "clean");
        stack.createTopics(2, input);
        stack.createTopics(1, names.taskCommands(TaskKind.LOAD), names.runs(), names.taskStatus(), names.deadLetters(PIPELINE));
    }

    public LoadService service(int maxPollRecords) {
        return service(maxPollRecords, Optional.empty());
    }

    /** @param warehousePath the default warehouse, for {@code warehouse} sinks naming no file */
    public LoadService service(int maxPollRecords, Optional<Path> warehousePath) {
        LoadService service = new LoadService(new LoaderSettings(stack.clientConfig(), names.prefix(), "sk-test",
                maxPollRecords, Map.of(), warehousePath), Clock.systemUTC());
        service.start();
        return service;
    }

    /** A loader as its own application, polling one record at a time. */
    public ApplicationContext application() {
        return ApplicationContext.run(Map.of(
                "conveyor.kafka.bootstrap-servers", stack.bootstrapServers(),
                "conveyor.kafka.schema-registry.url", stack.registryUrl(),
                "conveyor.kafka.topic-prefix", names.prefix(),
                "conveyor.loader.max-poll-records", 1,
                "micronaut.server.port", -1), LoaderApplication.ENVIRONMENT);
    }

    public void command(String runId, SinkSpec sink) {
        command(runId, sink, TaskSettings.DEFAULT);
    }

    public void command(String runId, SinkSpec sink, TaskSettings settings) {
        TaskSpec load = new TaskSpec("load", List.of("clean"), TriggerRule.ALL_SUCCESS, settings, List.of(),
                new TaskWork.Load(sink));
        topics.publish(names.taskCommands(TaskKind.LOAD), runId, TaskCommand.newBuilder().setRunId(runId)
                .setPipeline(PIPELINE).setTaskId("load").setKind(TaskKind.LOAD).setAction(TaskAction.START)
                .setConfig(load.canonicalJson()).setInputTopics(List.of(input))
                .setDeadLetterTopic(names.deadLetters(PIPELINE)).setIssuedAt(Instant.now()).build());
    }

    public void runEnded(String runId, RunEventType type) {
        topics.publish(names.runs(), runId, RunEvent.newBuilder().setRunId(runId).setPipeline(PIPELINE).setType(type)
                .setLogicalTime(Instant.now()).setTime(Instant.now()).build());
    }

    /** The PARTITION_DONE reports of the run, waiting until every input partition has one. */
    public List<TaskStatus> awaitDone(String runId, int partitions) {
        List<TaskStatus> done = new ArrayList<>();
        topics.readUntil(names.taskStatus(), records -> {
            done.clear();
            records.stream().map(record -> topics.<TaskStatus>specific(record))
                    .filter(status -> status.getRunId().equals(runId) && status.getState() == TaskStatusType.PARTITION_DONE)
                    .forEach(done::add);
            return done.stream().map(TaskStatus::getPartition).collect(Collectors.toSet()).size() == partitions;
        });
        return done;
    }

    public static GenericRecord person(long id, String name, String amount) {
        Schema decimal = PERSON.getField("amount").schema();
        return new GenericRecordBuilder(PERSON).set("id", id).set("name", name)
                .set("amount", new Conversions.DecimalConversion().toBytes(new BigDecimal(amount), decimal,
                        decimal.getLogicalType()))
                .set("born", (int) LocalDate.of(2000, 1, 2).toEpochDay())
                .set("seen", Instant.parse("2024-05-06T07:08:09.120Z").toEpochMilli())
                .build();
    }

    /** Waits for a condition the loader brings about asynchronously; fails after a minute. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
