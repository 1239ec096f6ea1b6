package io.conveyor.serde.avro;

import io.conveyor.serde.registry.SchemaRegistryClient;

import java.util.Map;

/** What the serializer and the deserializer share: settings, the registry client, and subject naming. */
abstract class RegistrySerdeSupport {

    SchemaRegistryClient client;
    AvroSerdeConfig config;
    boolean isKey;

    RegistrySerdeSupport() {
    }

    RegistrySerdeSupport(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this.client = client;
        this.config = AvroSerdeConfig.from(configs);
        this.isKey = isKey;
    }

    /** Kafka's configure step; keeps a client given at construction, so serdes can share one cache. */
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        this.client = client == null ? config.client() : client;
        this.isKey = isKey;
    }

    String subject(String topic, String recordFullName) {
        return (isKey ? config.keyStrategy() : config.valueStrategy()).subject(topic, isKey, recordFullName);
    }
}
