package io.conveyor.extractor;

import static org.assertj.core.api.Assertions.fail;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.conveyor.testkit.CommittedRecords;
import io.conveyor.testkit.ConveyorStack;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** One extractor installation (its own topic prefix) on the shared test stack, with helpers to drive and read it. */
final class ExtractorHarness {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    final ConveyorStack stack;
    final TopicNames names;
    final String pipeline;

    ExtractorHarness(ConveyorStack stack, String pipeline) {
        this.stack = stack;
        this.names = new TopicNames(ConveyorStack.uniqueName("x"));
        this.pipeline = pipeline;
        stack.createTopics(1, names.taskCommands(TaskKind.EXTRACT), names.taskStatus(), names.deadLetters(pipeline));
    }

    String createOutput(String task, int partitions) {
        String topic = names.data(pipeline, task);
        stack.createTopics(partitions, topic);
        return topic;
    }

    ApplicationContext startExtractor(String instanceId) {
        return startExtractor(instanceId, Map.of());
    }

    ApplicationContext startExtractor(String instanceId, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("conveyor.kafka.bootstrap-servers", stack.bootstrapServers());
        properties.put("conveyor.kafka.schema-registry.url", stack.registryUrl());
        properties.put("conveyor.kafka.topic-prefix", names.prefix());
        properties.put("conveyor.extractor.instance-id", instanceId);
        properties.put("conveyor.extractor.consumer-group", names.prefix() + "-extractor");
        properties.put("micronaut.server.port", -1);
        return ApplicationContext.run(properties, ExtractorApplication.ENVIRONMENT);
    }

    void send(String runId, String task, TaskAction action, int attempt, String config) {
        TaskCommand command = TaskCommand.newBuilder()
                .setRunId(runId)
                .setPipeline(pipeline)
                .setTaskId(task)
                .setKind(TaskKind.EXTRACT)
                .setAttempt(attempt)
                .setAction(action)
                .setConfig(config)
                .setOutputTopic(names.data(pipeline, task))
                .setDeadLetterTopic(names.deadLetters(pipeline))
                .setIssuedAt(Instant.now())
                .build();
        Map<String, Object> serdeConfig = new HashMap<>(stack.clientConfig());
        ConfluentAvroSerializer<TaskCommand> values = new ConfluentAvroSerializer<>();
        values.configure(serdeConfig, false);
        try (KafkaProducer<String, TaskCommand> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(names.taskCommands(TaskKind.EXTRACT), runId, command));
        }
    }

    void start(String runId, String task, String config) {
        send(runId, task, TaskAction.START, 1, config);
    }

    /** Reads statuses until one of the run and task satisfies {@code until}; fails after {@link #PATIENCE}. */
    List<TaskStatus> statusesUntil(String runId, String task, Predicate<TaskStatus> until) {
        List<TaskStatus> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        ConfluentAvroDeserializer<TaskStatus> values = new ConfluentAvroDeserializer<>();
        Map<String, Object> serde = new HashMap<>(stack.clientConfig());
        serde.put("specific.avro.reader", true);
        values.configure(serde, false);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(names.taskStatus(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TaskStatus status = values.deserialize(names.taskStatus(), record.value());
                    if (status.getRunId().equals(runId) && status.getTaskId().equals(task)) {
                        seen.add(status);
                        if (until.test(status)) {
                            return seen;
                        }
                    }
                }
            }
        }
        return fail("no matching status for " + runId + "/" + task + " within " + PATIENCE + "; saw " + seen);
    }

    List<TaskStatus> awaitState(String runId, String task, TaskStatusType state) {
        return statusesUntil(runId, task, status -> status.getState() == state);
    }

    /** Every committed record of the topic (read_committed, to the end). */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return CommittedRecords.readAll(stack, topic);
    }

    <T> T decode(String topic, byte[] value, boolean specific) {
        ConfluentAvroDeserializer<T> values = new ConfluentAvroDeserializer<>();
        Map<String, Object> serde = new HashMap<>(stack.clientConfig());
        serde.put("specific.avro.reader", specific);
        values.configure(serde, false);
        return values.deserialize(topic, value);
    }

    static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    static boolean isEnd(ConsumerRecord<?, ?> record) {
        return header(record, "conveyor.control").filter("END"::equals).isPresent();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                "bootstrap.servers", stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
