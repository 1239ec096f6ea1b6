package io.conveyor.dataplane;

import io.conveyor.control.RunEvent;
import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.dataplane.health.LoopHeartbeat;
import io.conveyor.dataplane.health.ServiceHealth;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a service's task-command topic and the runs topic from the beginning into a
 * {@link RunDirectory}, without a consumer group: every instance needs every command. Calls
 * {@code onStart} for each START command so the service can begin consuming the task's input.
 */
public final class ControlPlaneFeed implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneFeed.class);

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>();
    private final String commandTopic;
    private final String runTopic;
    private final RunDirectory directory;
    private final Consumer<TaskCommand> onStart;
    private final Thread thread;
    private final LoopHeartbeat heartbeat;

    public ControlPlaneFeed(Map<String, Object> clientConfig, String commandTopic, String runTopic,
                            RunDirectory directory, Consumer<TaskCommand> onStart) {
        this(clientConfig, commandTopic, runTopic, directory, onStart, new ServiceHealth());
    }

    /**
     * @param health watches the feed: the instance is not ready before the feed has its partitions, and not
     *               alive once the feed died (it takes no new commands then)
     */
    public ControlPlaneFeed(Map<String, Object> clientConfig, String commandTopic, String runTopic,
                            RunDirectory directory, Consumer<TaskCommand> onStart, ServiceHealth health) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> serdeConfig = new HashMap<>(clientConfig);
        serdeConfig.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        deserializer.configure(serdeConfig, false);
        this.commandTopic = commandTopic;
        this.runTopic = runTopic;
        this.directory = directory;
        this.onStart = onStart;
        this.thread = new Thread(this, "control-plane-feed-" + commandTopic);
        this.heartbeat = health.watch(thread.getName(), true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            assignFromBeginning();
            heartbeat.joined();
            while (!Thread.currentThread().isInterrupted()) {
                heartbeat.beat();
                consumer.poll(Duration.ofMillis(200)).forEach(this::accept);
            }
        } catch (WakeupException e) {
            LOG.debug("control-plane feed of {} stopped", commandTopic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("control-plane feed of {} failed; this instance takes no new commands", commandTopic, e);
            heartbeat.died(e);
        } finally {
            consumer.close();
            heartbeat.ended();
        }
    }

    private void assignFromBeginning() throws InterruptedException {
        List<TopicPartition> partitions = TopicPartitions.of(consumer, List.of(commandTopic, runTopic), PATIENCE);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** A record that cannot be read is logged with its position and skipped: it must not stop every task. */
    private void accept(ConsumerRecord<byte[], byte[]> record) {
        Object value;
        try {
            value = deserializer.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LOG.error("skipping unreadable control record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (value instanceof TaskCommand command) {
            directory.accept(command);
            if (command.getAction() == TaskAction.START) {
                start(command);
            }
        } else if (value instanceof RunEvent event) {
            directory.accept(event);
        }
    }

    /** A task that cannot start (its database is down, say) must not stop the commands of every other task. */
    private void start(TaskCommand command) {
        try {
            onStart.accept(command);
        } catch (RuntimeException e) {
            LOG.error("cannot start task {} of run {}: {}", command.getTaskId(), command.getRunId(), e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join();
    }
}
