package io.conveyor.transformer.stream;

import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import io.conveyor.serde.avro.ConfluentAvroSerializer;
import io.conveyor.serde.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro in Confluent's wire format for one worker. Records travel as bytes through the clients so
 * the original payload is at hand for dead letters and output is serialized under the topic it goes to.
 */
final class Codecs {

    private final ConfluentAvroDeserializer<Object> reader;
    private final ConfluentAvroSerializer<Object> writer;

    Codecs(SchemaRegistryClient registry, Map<String, ?> serdeConfig) {
        this.reader = new ConfluentAvroDeserializer<>(registry, serdeConfig, false);
        this.writer = new ConfluentAvroSerializer<>(registry, serdeConfig, false);
    }

    GenericRecord read(ConsumerRecord<byte[], byte[]> record) {
        Object value = reader.deserialize(record.topic(), record.value());
        if (!(value instanceof GenericRecord generic)) {
            throw new SerializationException("expected an Avro record on " + record.topic()
                    + " but got " + (value == null ? "no value" : value.getClass().getSimpleName()));
        }
        return generic;
    }

    byte[] write(String topic, Object value) {
        return writer.serialize(topic, value);
    }
}
