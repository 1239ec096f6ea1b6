package io.conveyor.launcher.run;

import io.conveyor.deadletter.DeadLetter;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The first few dead letters of a run, read from the pipeline's dead-letter topic as any outside
 * consumer would: read_committed, Avro in Confluent's wire format through the registry.
 */
public final class DeadLetterSample {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private DeadLetterSample() {
    }

    public static List<DeadLetter> first(String bootstrapServers, String registryUrl, String topic, String runId, int limit) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], DeadLetter> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                deserializer(config))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, PATIENCE).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (letters.size() < limit && !reachedEnd(consumer, ends)) {
                for (ConsumerRecord<byte[], DeadLetter> record : consumer.poll(POLL)) {
                    if (letters.size() < limit && runId.equals(record.value().getRunId())) {
                        letters.add(record.value());
                    }
                }
            }
        }
        return letters;
    }

    private static ConfluentAvroDeserializer<DeadLetter> deserializer(Map<String, Object> config) {
        ConfluentAvroDeserializer<DeadLetter> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        return deserializer;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
