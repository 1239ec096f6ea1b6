package io.conveyor.scheduler.tracker;

import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.testkit.ConveyorStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Test fixture: reads a topic's committed records from the start and collects them. */
public final class TopicReader<T> implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final KafkaConsumer<String, T> consumer;
    private final List<T> seen = new ArrayList<>();

    TopicReader(ConveyorStack stack, String topic) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put("specific.avro.reader", true);
        var values = new ConfluentAvroDeserializer<T>();
        values.configure(config, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads until a record matching the predicate arrived, and returns it. */
    public T await(String what, Predicate<T> match) {
        List<T> found = new ArrayList<>();
        Awaits.until(what, DEADLINE, () -> {
            poll();
            seen.stream().filter(match).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /** Everything read so far, after one more poll. */
    public List<T> all() {
        poll();
        return List.copyOf(seen);
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(100)).forEach(record -> seen.add(record.value()));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
