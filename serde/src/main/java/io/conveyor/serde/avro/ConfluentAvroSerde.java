package io.conveyor.serde.avro;

import io.conveyor.serde.registry.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/** The serializer and deserializer as one Kafka Streams serde. */
public class ConfluentAvroSerde<T> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    public ConfluentAvroSerde() {
        this.serializer = new ConfluentAvroSerializer<>();
        this.deserializer = new ConfluentAvroDeserializer<>();
    }

    public ConfluentAvroSerde(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this.serializer = new ConfluentAvroSerializer<>(client, configs, isKey);
        this.deserializer = new ConfluentAvroDeserializer<>(client, configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
