package io.conveyor.kafka.micronaut;

import io.conveyor.kafka.KafkaConnection;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.core.value.PropertyResolver;
import java.util.HashMap;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code conveyor.kafka.*} once for a Micronaut service; every service injects the resulting
 * {@link KafkaConnection} instead of keeping its own copy of the cluster, the registry and the
 * topic prefix. Environment variables: CONVEYOR_KAFKA_BOOTSTRAP_SERVERS, CONVEYOR_KAFKA_TOPIC_PREFIX,
 * CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL, CONVEYOR_KAFKA_SCHEMA_REGISTRY_USER_INFO and
 * CONVEYOR_KAFKA_PROPERTIES_&lt;PROPERTY&gt; (CONVEYOR_KAFKA_PROPERTIES_SECURITY_PROTOCOL=SASL_SSL).
 */
@Factory
public class KafkaConfigurationFactory {

    @Singleton
    KafkaConnection kafkaConnection(
            @Property(name = KafkaConnection.BOOTSTRAP_SERVERS_KEY, defaultValue = "") String bootstrapServers,
            @Property(name = KafkaConnection.TOPIC_PREFIX_KEY, defaultValue = KafkaConnection.DEFAULT_TOPIC_PREFIX) String topicPrefix,
            @Property(name = KafkaConnection.SCHEMA_REGISTRY_URL_KEY, defaultValue = "") String schemaRegistryUrl,
            @Property(name = KafkaConnection.SCHEMA_REGISTRY_USER_INFO_KEY, defaultValue = "") String userInfo,
            PropertyResolver resolver) {
        return new KafkaConnection(bootstrapServers, topicPrefix, Optional.of(schemaRegistryUrl), Optional.of(userInfo),
                passThrough(resolver));
    }

    /** Every key under conveyor.kafka.properties, flat and as written (Kafka's names are dotted). */
    static Map<String, String> passThrough(PropertyResolver resolver) {
        Map<String, String> properties = new HashMap<>();
        resolver.getProperties(KafkaConnection.PROPERTIES_KEY, StringConvention.RAW)
                .forEach((key, value) -> properties.put(key, value == null ? "" : String.valueOf(value)));
        return properties;
    }
}
