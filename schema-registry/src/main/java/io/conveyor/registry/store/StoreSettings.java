package io.conveyor.registry.store;

import io.conveyor.registry.compat.CompatibilityLevel;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * @param bootstrapServers the Kafka cluster holding the storage topic
 * @param topic            the compacted storage topic ({@code _schemas} by default, as in Confluent)
 * @param writerId         the transactional id shared by every instance of one registry; writes
 *                         fence each other through it, which is what keeps ids and versions unique
 * @param timeout          how long a read-to-end or a write may take
 * @param defaultLevel     the global compatibility level until one is configured
 * @param clientOverrides  extra Kafka client properties (security settings and the like)
 */
public record StoreSettings(String bootstrapServers, String topic, String writerId, Duration timeout,
                            CompatibilityLevel defaultLevel, Map<String, Object> clientOverrides) {

    public StoreSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(writerId, "writerId");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(defaultLevel, "defaultLevel");
        clientOverrides = Map.copyOf(clientOverrides);
    }

    public static StoreSettings of(String bootstrapServers) {
        return new StoreSettings(bootstrapServers, "_schemas", "schema-registry-_schemas", Duration.ofSeconds(30),
                CompatibilityLevel.BACKWARD, Map.of());
    }
}
