package io.conveyor.bench.controlplane;

import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Counts the run events of one type for one pipeline, as the runs topic reports them from now on. */
final class RunOutcomes implements AutoCloseable {

    private final KafkaConsumer<String, RunEvent> consumer;
    private final String pipeline;
    private final RunEventType type;
    private final AtomicLong count = new AtomicLong();
    private final Thread thread;
    private volatile RuntimeException failure;

    RunOutcomes(BenchStack stack, String pipeline, RunEventType type) {
        this.pipeline = pipeline;
        this.type = type;
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put("specific.avro.reader", true);
        var events = new ConfluentAvroDeserializer<RunEvent>();
        events.configure(config, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), events);
        String topic = stack.topics().runs();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolves the end now, so that only runs finishing from here on are counted.
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::follow, "bench-runs");
        thread.start();
    }

    long count() {
        if (failure != null) {
            throw failure;
        }
        return count.get();
    }

    private void follow() {
        try {
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    RunEvent event = record.value();
                    if (event.getPipeline().equals(pipeline) && event.getType() == type) {
                        count.incrementAndGet();
                    }
                });
            }
        } catch (WakeupException e) {
            // close() wakes the poll up to stop counting.
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join();
        consumer.close();
    }
}
