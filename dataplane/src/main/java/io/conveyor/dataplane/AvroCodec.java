package io.conveyor.dataplane;

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
public final class AvroCodec {

    private final ConfluentAvroDeserializer<Object> reader;
    private final ConfluentAvroSerializer<Object> writer;

    public AvroCodec(SchemaRegistryClient registry, Map<String, ?> serdeConfig) {
        this.reader = new ConfluentAvroDeserializer<>(registry, serdeConfig, false);
        this.writer = new ConfluentAvroSerializer<>(registry, serdeConfig, false);
    }

    /** @throws SerializationException when the value is not an Avro record in the wire format */
    public GenericRecord read(ConsumerRecord<byte[], byte[]> record) {
        Object value = reader.deserialize(record.topic(), record.value());
        if (!(value instanceof GenericRecord generic)) {
            throw new SerializationException("expected an Avro record on " + record.topic()
                    + " but got " + (value == null ? "no value" : value.getClass().getSimpleName()));
        }
        return generic;
    }

    public byte[] write(String topic, Object value) {
        return writer.serialize(topic, value);
    }
}
