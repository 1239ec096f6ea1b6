package io.conveyor.scheduler.schedule;

import io.conveyor.control.TriggerEvent;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.testkit.ConveyorStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads every committed trigger on a topic, for assertions. */
public final class TriggerRecords {

    private TriggerRecords() {
    }

    public static List<ConsumerRecord<String, TriggerEvent>> readAll(ConveyorStack stack, String topic) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        Deserializer<TriggerEvent> values = new ConfluentAvroDeserializer<>();
        values.configure(config, false);
        try (KafkaConsumer<String, TriggerEvent> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, TriggerEvent>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    public static List<TriggerEvent> values(ConveyorStack stack, String topic) {
        return readAll(stack, topic).stream().map(ConsumerRecord::value).toList();
    }
}
