package io.conveyor.bench.controlplane;

import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Trigger -> first task command against a running stack ({@code bin/conveyor-local serve}), for
 * bench/run-control-plane-under-load.sh: publishes START triggers of an extract-only pipeline at a
 * steady rate and times each run's first extract command as a {@code read_committed} reader of the
 * command topic sees it. Unlike {@link ControlPlaneBench} nothing here stands in for a service: the
 * stack's own tracker and extractor do the work, next to whatever data run is going on.
 *
 * <p>usage: TriggerLatencyProbe BOOTSTRAP REGISTRY_URL PIPELINE RUNS PER_SECOND (topic prefix
 * {@code -Dbench.topic-prefix}, default conveyor)
 */
public final class TriggerLatencyProbe {

    private record Arrival(long receivedAt, long commandTimestamp) {
    }

    private TriggerLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: TriggerLatencyProbe BOOTSTRAP REGISTRY_URL PIPELINE RUNS PER_SECOND");
            System.exit(2);
        }
        String pipeline = args[2];
        int runs = Integer.parseInt(args[3]);
        int perSecond = Integer.parseInt(args[4]);
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", args[0]);
        config.put("schema.registry.url", args[1]);
        TopicNames topics = new TopicNames(System.getProperty("bench.topic-prefix", "conveyor"));

        Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, TaskCommand> commands = commandReader(config, topics.taskCommands(TaskKind.EXTRACT))) {
            Thread reader = new Thread(() -> read(commands, pipeline, arrivals), "probe-reader");
            reader.setDaemon(true); // a probe that gives up waiting must still end the JVM
            reader.start();
            Map<String, Long> producedAt = new HashMap<>();
            Instant from = Instant.now();
            long period = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            try (TriggerSender sender = new TriggerSender(config, topics.triggers(), false)) {
                for (int n = 0; n < runs; n++) {
                    long wait = start + n * period - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    producedAt.put(TriggerSender.runId(pipeline, n), sender.sendAndWait(pipeline, n));
                }
            }
            Instant to = Instant.now();
            Waits.until("every probe run's first command", Duration.ofMinutes(2),
                    () -> arrivals.keySet().containsAll(producedAt.keySet()));
            commands.wakeup();
            reader.join();
            List<Long> received = new ArrayList<>();
            List<Long> processed = new ArrayList<>();
            producedAt.forEach((runId, produced) -> {
                Arrival arrival = arrivals.get(runId);
                received.add(arrival.receivedAt() - produced);
                processed.add(arrival.commandTimestamp() - produced);
            });
            System.out.println("probe triggers sent     | " + runs + " at " + perSecond + "/s from " + from + " to " + to);
            System.out.println("trigger -> first command (consumer receipt)             | " + Percentiles.of(received));
            System.out.println("trigger -> command processed (command record timestamp) | " + Percentiles.of(processed));
        }
        System.exit(0);
    }

    /** A group-less reader positioned at the topic's end before the first trigger, so no rebalance delays it. */
    private static KafkaConsumer<String, TaskCommand> commandReader(Map<String, Object> config, String topic) {
        Map<String, Object> consumer = new HashMap<>(config);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put("specific.avro.reader", true);
        var values = new ConfluentAvroDeserializer<TaskCommand>();
        values.configure(consumer, false);
        KafkaConsumer<String, TaskCommand> reader = new KafkaConsumer<>(consumer, new StringDeserializer(), values);
        List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        reader.assign(partitions);
        reader.seekToEnd(partitions);
        partitions.forEach(reader::position);
        return reader;
    }

    private static void read(KafkaConsumer<String, TaskCommand> commands, String pipeline, Map<String, Arrival> arrivals) {
        try {
            while (true) {
                var records = commands.poll(Duration.ofMillis(100));
                long receivedAt = System.currentTimeMillis();
                for (ConsumerRecord<String, TaskCommand> record : records) {
                    TaskCommand command = record.value();
                    if (command.getAction() == TaskAction.START && command.getPipeline().equals(pipeline)) {
                        arrivals.putIfAbsent(command.getRunId(), new Arrival(receivedAt, record.timestamp()));
                    }
                }
            }
        } catch (WakeupException e) {
            // the probe is done
        }
    }
}
