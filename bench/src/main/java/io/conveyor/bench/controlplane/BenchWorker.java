package io.conveyor.bench.controlplane;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskKind;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for the extract service: completes every task at once (STARTED, then the one
 * partition done) except those of {@link BenchPipelines#BACKLOG}, which it leaves running forever,
 * and notes when the first command of each {@link BenchPipelines#LATENCY} run arrived.
 */
final class BenchWorker implements AutoCloseable {

    /** When a run's first command became readable, by the wall clock and by its record timestamp. */
    record Arrival(long receivedAt, long commandTimestamp) {
    }

    private final KafkaConsumer<String, TaskCommand> consumer;
    private final KafkaProducer<String, TaskStatus> producer;
    private final String statusTopic;
    private final Map<String, Arrival> latencyArrivals = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile RuntimeException failure;

    BenchWorker(BenchStack stack) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-worker");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put("specific.avro.reader", true);
        var commands = new ConfluentAvroDeserializer<TaskCommand>();
        commands.configure(config, false);
        var statuses = new ConfluentAvroSerializer<TaskStatus>();
        statuses.configure(config, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), commands);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), statuses);
        this.statusTopic = stack.topics().taskStatus();
        consumer.subscribe(List.of(stack.topics().taskCommands(TaskKind.EXTRACT)));
        this.thread = new Thread(this::work, "bench-worker");
        thread.start();
    }

    /** First-command arrivals of the latency pipeline's runs, by run id. */
    Map<String, Arrival> latencyArrivals() {
        if (failure != null) {
            throw failure;
        }
        return latencyArrivals;
    }

    private void work() {
        try {
            while (true) {
                var records = consumer.poll(Duration.ofMillis(100));
                long receivedAt = System.currentTimeMillis();
                for (ConsumerRecord<String, TaskCommand> record : records) {
                    answer(record, receivedAt);
                }
            }
        } catch (WakeupException e) {
            // close() wakes the poll up to stop the worker.
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void answer(ConsumerRecord<String, TaskCommand> record, long receivedAt) {
        TaskCommand command = record.value();
        if (command.getAction() != TaskAction.START) {
            return;
        }
        String pipeline = command.getPipeline();
        if (pipeline.equals(BenchPipelines.LATENCY)) {
            latencyArrivals.putIfAbsent(command.getRunId(), new Arrival(receivedAt, record.timestamp()));
        }
        if (!pipeline.equals(BenchPipelines.BACKLOG)) {
            report(command, TaskStatusType.STARTED, null);
            report(command, TaskStatusType.PARTITION_DONE, 0);
        }
    }

    private void report(TaskCommand command, TaskStatusType state, Integer partition) {
        TaskStatus status = TaskStatus.newBuilder()
                .setRunId(command.getRunId())
                .setTaskId(command.getTaskId())
                .setAttempt(command.getAttempt())
                .setState(state)
                .setCounts(new TaskCounts(0L, 0L, 0L, 0L))
                .setPartition(partition)
                .setPartitions(partition == null ? null : 1)
                .setInstance("bench")
                .setTime(Instant.now())
                .build();
        producer.send(new ProducerRecord<>(statusTopic, command.getPipeline(), status));
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join();
        consumer.close();
        producer.close();
    }
}
