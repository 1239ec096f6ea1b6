package io.conveyor.scheduler.schedule;

import io.conveyor.control.TriggerEvent;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.testkit.CommittedRecords;
import io.conveyor.testkit.ConveyorStack;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads every committed trigger on a topic, for assertions. */
public final class TriggerRecords {

    private TriggerRecords() {
    }

    public static List<ConsumerRecord<String, TriggerEvent>> readAll(ConveyorStack stack, String topic) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        ConfluentAvroDeserializer<TriggerEvent> values = new ConfluentAvroDeserializer<>();
        values.configure(config, false);
        return CommittedRecords.readAll(stack, topic).stream()
                .map(record -> new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                        values.deserialize(topic, record.value())))
                .toList();
    }

    public static List<TriggerEvent> values(ConveyorStack stack, String topic) {
        return readAll(stack, topic).stream().map(ConsumerRecord::value).toList();
    }
}
