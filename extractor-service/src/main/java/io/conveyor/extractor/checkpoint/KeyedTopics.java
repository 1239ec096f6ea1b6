package io.conveyor.extractor.checkpoint;

import io.conveyor.kafka.CompactedTopicLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads the latest committed value of one key from a compacted topic. Keys are placed on partitions
 * by {@link #partition} (the hash Kafka's default partitioner uses), so only one partition is read.
 */
public final class KeyedTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> clientConfig;

    public KeyedTopics(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
    }

    public static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * The value last committed under {@code key}, empty when there is none or it was deleted.
     *
     * @throws CompactedTopicLog.TopicReadException if the key's partition cannot be read to its end in a minute
     */
    public Optional<byte[]> latest(String topic, String key) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        AtomicReference<byte[]> latest = new AtomicReference<>();
        CompactedTopicLog.readOnce(clientConfig, topic, all -> List.of(all.get(partition(key, all.size()))),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), record -> {
                    if (Arrays.equals(keyBytes, record.key())) {
                        latest.set(record.value());
                    }
                }, TIMEOUT);
        return Optional.ofNullable(latest.get());
    }
}
