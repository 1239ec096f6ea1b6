package io.conveyor.dataplane;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The data-path services' Kafka clients and instance name, built on the shared client configuration
 * ({@code io.conveyor.kafka.KafkaConnection#clientConfig()}).
 */
public final class ServiceClients {

    private ServiceClients() {
    }

    /**
     * A consumer of a task's input topics in the task's own group: read_committed, and offsets are
     * never auto-committed because the service commits them with its output (in a Kafka or a
     * database transaction); a new group starts at the beginning of the input.
     */
    public static KafkaConsumer<byte[], byte[]> taskConsumer(Map<String, Object> clientConfig, String group, int maxPollRecords) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A consumer without a group that reads committed records only, for readers that assign
     * partitions and keep their own positions (the replay source, the dead-letter scans).
     */
    public static KafkaConsumer<byte[], byte[]> readCommittedConsumer(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * An idempotent producer of raw records; transactional when given a transactional id. Batching
     * defaults suit bulk data (a whole batch is flushed at each commit anyway): 256 KiB batches,
     * 10 ms linger, lz4; the client configuration overrides them.
     */
    public static KafkaProducer<byte[], byte[]> producer(Map<String, Object> clientConfig, Optional<String> transactionalId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        transactionalId.ifPresent(id -> config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The configured instance id, or a new random one per start when none is configured. */
    public static String instanceId(String configured, String service) {
        return configured.isBlank() ? service + "-" + UUID.randomUUID() : configured;
    }
}
