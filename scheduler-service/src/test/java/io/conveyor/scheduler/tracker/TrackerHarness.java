package io.conveyor.scheduler.tracker;

import io.conveyor.control.Alert;
import io.conveyor.control.PipelineVersion;
import io.conveyor.control.RunEvent;
import io.conveyor.control.TaskKind;
import io.conveyor.control.TriggerAction;
import io.conveyor.control.TriggerEvent;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.schemas.TopicNames;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.conveyor.testkit.ConveyorStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Test fixture: the tracker's topics under a prefix of their own on the shared broker, tracker
 * instances (Micronaut contexts with the scheduler environment and an HTTP server), and the
 * producers and readers a test needs around them.
 */
public final class TrackerHarness implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final ConveyorStack stack;
    private final TopicNames topics;
    private final String applicationId;
    private final List<ApplicationContext> instances = new ArrayList<>();
    private final KafkaProducer<String, Object> avro;
    private final KafkaProducer<byte[], byte[]> raw;

    public TrackerHarness(ConveyorStack stack) {
        this.stack = stack;
        this.topics = new TopicNames(ConveyorStack.uniqueName("trk"));
        this.applicationId = topics.prefix() + "-tracker";
        stack.createTopics(2, topics.triggers(), topics.taskStatus());
        // The pipelines topic is state: compacted, as the scheduler requires of it (ControlTopics).
        io.conveyor.scheduler.catalog.ControlTopics.ensureCompacted(stack.clientConfig(), topics.pipelines());
        stack.createTopics(1, topics.runs(), topics.alerts(), topics.triggerDeadLetters(),
                topics.taskCommands(TaskKind.EXTRACT), topics.taskCommands(TaskKind.TRANSFORM),
                topics.taskCommands(TaskKind.LOAD), topics.taskCommands(TaskKind.SQL));
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.avro = new KafkaProducer<>(config, new StringSerializer(), avroSerializer(config));
        this.raw = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public TopicNames topics() {
        return topics;
    }

    public ConveyorStack stack() {
        return stack;
    }

    /** Starts a tracker instance and waits until its Kafka Streams runs. */
    public ApplicationContext startTracker() {
        return startTracker(Map.of());
    }

    /** Starts a tracker instance with some settings changed and waits until its Kafka Streams runs. */
    public ApplicationContext startTracker(Map<String, Object> settings) {
        int port = freePort();
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", port);
        props.put("conveyor.tracker.enabled", true);
        props.put("conveyor.kafka.bootstrap-servers", stack.bootstrapServers());
        props.put("conveyor.kafka.schema-registry.url", stack.registryUrl());
        props.put("conveyor.kafka.topic-prefix", topics.prefix());
        props.put("conveyor.tracker.application-id", applicationId);
        props.put("conveyor.tracker.state-dir", tempDir().toString());
        props.put("conveyor.tracker.application-server", "localhost:" + port);
        props.put("conveyor.tracker.tick-interval", "100ms");
        // Tracker instances: the scheduler's own Kafka settings are not given, so its cron loop is off
        // (a test that wants it gives both).
        props.put("conveyor.scheduler.cron.enabled", false);
        props.putAll(settings);
        ApplicationContext context = ApplicationContext.builder()
                .environments(SchedulerApplication.ENVIRONMENT)
                .properties(props)
                .start();
        instances.add(context);
        context.getBean(EmbeddedServer.class).start();
        Awaits.until("the tracker to run", STARTUP,
                () -> context.getBean(KafkaStreams.class, Qualifiers.byName(TrackerFactory.TRACKER)).state() == KafkaStreams.State.RUNNING);
        return context;
    }

    public void deploy(PipelineVersion version) {
        send(avro, new ProducerRecord<>(topics.pipelines(), version.getName(), version));
    }

    /** A START trigger; {@code logicalTime} null for a manual run. */
    public void start(String pipeline, Instant logicalTime, int priority) {
        send(avro, new ProducerRecord<>(topics.triggers(), pipeline, trigger(pipeline, TriggerAction.START)
                .setLogicalTime(logicalTime).setPriority(priority).build()));
    }

    /** A START that reruns {@code rerunOf}'s failed tasks as the run named by {@code idempotencyKey}. */
    public void rerunFailedTasks(String pipeline, String rerunOf, String idempotencyKey) {
        send(avro, new ProducerRecord<>(topics.triggers(), pipeline, trigger(pipeline, TriggerAction.START)
                .setRerunOf(rerunOf).setIdempotencyKey(idempotencyKey).setFailedOnly(true).build()));
    }

    public void cancel(String pipeline, String runId) {
        send(avro, new ProducerRecord<>(topics.triggers(), pipeline, trigger(pipeline, TriggerAction.CANCEL)
                .setRunId(runId).build()));
    }

    /** Any Avro value, such as a generic record written with a newer schema, as a trigger. */
    public void sendTrigger(String key, Object value) {
        send(avro, new ProducerRecord<>(topics.triggers(), key, value));
    }

    public void sendRaw(String topic, String key, byte[] value) {
        send(raw, new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    public TopicReader<RunEvent> runEvents() {
        return new TopicReader<>(stack, topics.runs());
    }

    public TopicReader<Alert> alerts() {
        return new TopicReader<>(stack, topics.alerts());
    }

    public TopicReader<DeadLetter> triggerDeadLetters() {
        return new TopicReader<>(stack, topics.triggerDeadLetters());
    }

    public ScriptedWorker worker(ScriptedWorker.Script script) {
        return worker(script, ScriptedWorker.LAST_PARTITION_HOLDS_THE_RECORDS);
    }

    public ScriptedWorker worker(ScriptedWorker.Script script, ScriptedWorker.PartitionCounts counts) {
        return new ScriptedWorker(stack, topics, script, counts);
    }

    @Override
    public void close() {
        instances.forEach(ApplicationContext::close);
        avro.close();
        raw.close();
    }

    private static TriggerEvent.Builder trigger(String pipeline, TriggerAction action) {
        return TriggerEvent.newBuilder().setPipeline(pipeline).setAction(action).setRequestedBy("test")
                .setRequestedAt(Instant.now());
    }

    private static <K, V> void send(KafkaProducer<K, V> producer, ProducerRecord<K, V> record) {
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + record.topic(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> org.apache.kafka.common.serialization.Serializer<T> avroSerializer(Map<String, Object> config) {
        var serializer = new ConfluentAvroSerializer<T>();
        serializer.configure(config, false);
        return serializer;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tracker-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
