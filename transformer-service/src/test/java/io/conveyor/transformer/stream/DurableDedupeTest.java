package io.conveyor.transformer.stream;

import io.conveyor.transformer.plugin.PluginAllowList;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.conveyor.transformer.dedupe.DedupeSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duplicates whose first occurrence was processed by another instance, or before a restart, are
 * still found: the seen keys live in the task's changelog, not in the instance that saw them.
 * The rows are keyed by id (the business key), so both occurrences land in the same partition.
 */
@ExtendWith(ConveyorStackExtension.class)
class DurableDedupeTest {

    private static final String PIPELINE = """
            name: orders
            tasks:
              - id: extract
                kind: extract
                source: {type: csv, path: /data/orders.csv}
              - id: unique
                kind: transform
                dependsOn: [extract]
                rules:
                  - dedupe: {key: [id]}
                  - coerce: {field: id, type: long}
                schema: {type: record, name: Order, namespace: test.orders, fields: [{name: id, type: long}]}
            """;

    private static final Schema CSV = new Schema.Parser().parse("""
            {"type": "record", "name": "Row", "namespace": "test.csv", "fields": [{"name": "id", "type": "string"}]}
            """);
    private static final String RUN = "orders@m-1";
    private static final int FIRST = 40;
    private static final int NEW = 10;

    private final ConveyorStack stack;
    private final DataTopics topics;
    @TempDir
    private Path stateDir;
    private TopicNames names;
    private String input;
    private String output;
    private TransformService first;

    DurableDedupeTest(ConveyorStack stack) {
        this.stack = stack;
        this.topics = new DataTopics(stack);
    }

    @BeforeEach
    void start() throws Exception {
        names = new TopicNames(ConveyorStack.uniqueName("dd"));
        input = names.data("orders", "extract");
        output = names.data("orders", "unique");
        stack.createTopics(2, input, output);
        stack.createTopics(1, names.taskCommands(TaskKind.TRANSFORM), names.runs(), names.taskStatus(),
                names.deadLetters("orders"));
        first = started("tf-1");
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), RUN, command(RUN));
        topics.produceUnfinished(input, RUN, "extract", 2, rows(0, FIRST));
        topics.readUntil(output, records -> records.size() == FIRST);
    }

    @AfterEach
    void stop() throws Exception {
        first.close();
    }

    @Test
    void anInstanceStartedAfterARestartKnowsTheKeysSeenBeforeIt() throws Exception {
        first.close();
        first = started("tf-2");

        assertEveryIdWrittenOnceAfterTheDuplicatesArrive();
    }

    @Test
    void anInstanceTakingOverAPartitionKnowsTheKeysSeenByItsPreviousOwner() throws Exception {
        try (TransformService second = started("tf-2")) {
            awaitBothInstancesOwnAPartition();

            assertEveryIdWrittenOnceAfterTheDuplicatesArrive();
        }
    }

    @Test
    void theKeysOfARunAreDeletedFromTheChangelogWhenItsPartitionsComplete() throws Exception {
        String finished = "orders@m-2";
        topics.publish(names.taskCommands(TaskKind.TRANSFORM), finished, command(finished));
        topics.produceRun(input, finished, "extract", 2, rows(0, 10));

        String changelog = names.dedupeChangelog("orders", "unique");
        List<ConsumerRecord<byte[], byte[]>> keys = topics.readUntil(changelog,
                records -> records.stream().filter(record -> record.value() == null).count() == 10);

        Map<String, byte[]> last = new HashMap<>();
        keys.forEach(record -> last.put(new String(record.key(), StandardCharsets.UTF_8), record.value()));
        assertThat(last).hasSize(FIRST + 10);
        assertThat(last).allSatisfy((key, value) -> assertThat(value == null).as(key).isEqualTo(key.contains(finished)));
    }

    /** Sends every earlier id again, then new ids last in each partition, and waits for those. */
    private void assertEveryIdWrittenOnceAfterTheDuplicatesArrive() {
        List<DataTopics.Data> again = new ArrayList<>(rows(0, FIRST));
        again.addAll(rows(FIRST, FIRST + NEW));
        topics.produceUnfinished(input, RUN, "extract", 2, again);

        Set<Long> lastOfEachPartition = Set.of((long) FIRST + NEW - 2, (long) FIRST + NEW - 1);
        List<ConsumerRecord<byte[], byte[]>> out = topics.readUntil(output,
                records -> ids(records).containsAll(lastOfEachPartition));

        assertThat(ids(out)).hasSize(FIRST + NEW).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, FIRST + NEW).boxed().toList());
    }

    private void awaitBothInstancesOwnAPartition() throws ExecutionException, InterruptedException {
        String group = names.prefix() + ".transformer.orders.unique";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (Admin admin = Admin.create(stack.clientConfig())) {
            while (true) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                if (description.members().size() == 2 && description.members().stream()
                        .allMatch(member -> member.assignment().topicPartitions().size() == 1)) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the group " + group + " did not settle on two members: " + description);
                }
                Thread.sleep(200);
            }
        }
    }

    private List<Long> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(record -> !DataHeaders.isEnd(record.headers()))
                .map(record -> (Long) ((GenericRecord) topics.generic(record)).get("id")).toList();
    }

    private TransformService started(String instance) {
        TransformService service = new TransformService(new TransformerSettings(stack.clientConfig(), names.prefix(),
                instance, 7, new DedupeSettings(stateDir, 8 << 20, 2 << 20), PluginAllowList.NONE),
                Clock.systemUTC());
        service.start();
        return service;
    }

    private static List<DataTopics.Data> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(id -> new DataTopics.Data(id % 2, Integer.toString(id),
                new GenericRecordBuilder(CSV).set("id", Integer.toString(id)).build())).toList();
    }

    private TaskCommand command(String runId) throws Exception {
        TaskSpec task = PipelineLoader.parse(PIPELINE, "orders.yaml").task("unique").orElseThrow();
        return TaskCommand.newBuilder().setRunId(runId).setPipeline("orders").setTaskId("unique")
                .setKind(TaskKind.TRANSFORM).setAttempt(1).setAction(TaskAction.START)
                .setConfig(task.canonicalJson()).setInputTopics(List.of(input)).setOutputTopic(output)
                .setDeadLetterTopic(names.deadLetters("orders")).setIssuedAt(Instant.now()).build();
    }
}
