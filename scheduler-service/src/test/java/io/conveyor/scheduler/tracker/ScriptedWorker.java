package io.conveyor.scheduler.tracker;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskKind;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.conveyor.testkit.ConveyorStack;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test fixture standing in for the extractor, transformer and loader services: consumes the task
 * commands and answers each START as its script says. A success is reported the way the
 * completion protocol has it: STARTED, then PARTITION_DONE for each of two partitions, by default
 * the first of them empty (no records) and the second with {@link #RECORDS} records.
 */
public final class ScriptedWorker implements AutoCloseable {

    /** What the worker does with a START command. */
    public enum Behaviour {
        SUCCEED, FAIL, HANG
    }

    @FunctionalInterface
    public interface Script {
        Behaviour react(TaskCommand command);
    }

    /** The counts a PARTITION_DONE report of a succeeding attempt carries. */
    @FunctionalInterface
    public interface PartitionCounts {
        TaskCounts of(TaskCommand command, int partition);
    }

    static final int PARTITIONS = 2;
    static final long RECORDS = 5;

    static final PartitionCounts LAST_PARTITION_HOLDS_THE_RECORDS = (command, partition) -> {
        long records = partition == 0 ? 0 : RECORDS;
        return new TaskCounts(records, records, 0L, 0L);
    };

    private final Script script;
    private final PartitionCounts partitionCounts;
    private final KafkaConsumer<String, TaskCommand> consumer;
    private final KafkaProducer<String, TaskStatus> producer;
    private final TopicNames topics;
    private final List<TaskCommand> commands = new CopyOnWriteArrayList<>();
    private final Thread thread;

    ScriptedWorker(ConveyorStack stack, TopicNames topics, Script script, PartitionCounts partitionCounts) {
        this.script = script;
        this.partitionCounts = partitionCounts;
        this.topics = topics;
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, topics.prefix() + "-worker");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put("specific.avro.reader", true);
        var commandValues = new ConfluentAvroDeserializer<TaskCommand>();
        commandValues.configure(config, false);
        var statusValues = new ConfluentAvroSerializer<TaskStatus>();
        statusValues.configure(config, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), commandValues);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), statusValues);
        consumer.subscribe(List.of(topics.taskCommands(TaskKind.EXTRACT), topics.taskCommands(TaskKind.TRANSFORM),
                topics.taskCommands(TaskKind.LOAD)));
        this.thread = new Thread(this::work, "scripted-worker-" + topics.prefix());
        thread.start();
    }

    /** Every command received so far, in order. */
    public List<TaskCommand> commands() {
        return List.copyOf(commands);
    }

    private void work() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> answer(record.value()));
            }
        } catch (WakeupException e) {
            // close() wakes the poll up to stop the worker.
        }
    }

    private void answer(TaskCommand command) {
        commands.add(command);
        if (command.getAction() != TaskAction.START) {
            return;
        }
        switch (script.react(command)) {
            case SUCCEED -> {
                report(command, TaskStatusType.STARTED, null, null);
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    report(command, TaskStatusType.PARTITION_DONE, partition, null);
                }
            }
            case FAIL -> {
                report(command, TaskStatusType.STARTED, null, null);
                report(command, TaskStatusType.FAILED, null, "scripted failure");
            }
            case HANG -> report(command, TaskStatusType.STARTED, null, null);
        }
        producer.flush();
    }

    private void report(TaskCommand command, TaskStatusType state, Integer partition, String message) {
        TaskCounts counts = partition == null ? new TaskCounts(0L, 0L, 0L, 0L) : partitionCounts.of(command, partition);
        TaskStatus status = TaskStatus.newBuilder()
                .setRunId(command.getRunId())
                .setTaskId(command.getTaskId())
                .setAttempt(command.getAttempt())
                .setState(state)
                .setCounts(counts)
                .setMessage(message)
                .setPartition(partition)
                .setPartitions(partition == null ? null : PARTITIONS)
                .setInstance("scripted")
                .setTime(Instant.now())
                .build();
        producer.send(new ProducerRecord<>(topics.taskStatus(), command.getPipeline(), status));
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join();
        consumer.close();
        producer.close();
    }
}
