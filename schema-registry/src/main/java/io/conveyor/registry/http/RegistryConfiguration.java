package io.conveyor.registry.http;

import io.conveyor.registry.compat.CompatibilityLevel;
import io.conveyor.registry.store.StoreSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the registry server, under {@code conveyor.registry}.
 *
 * @param bootstrapServers      Kafka cluster holding the storage topic ({@code conveyor.registry.bootstrap-servers})
 * @param topic                 the compacted storage topic
 * @param writerId              transactional id shared by all instances of this registry
 * @param timeout               how long a storage read or write may take
 * @param defaultCompatibility  global level until one is configured
 */
@ConfigurationProperties("conveyor.registry")
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
public record RegistryConfiguration(
        @NotBlank String bootstrapServers,
        @Bindable(defaultValue = "_schemas") @NotBlank String topic,
        @Bindable(defaultValue = "conveyor-schema-registry") @NotBlank String writerId,
        @Bindable(defaultValue = "30s") @NotNull Duration timeout,
        @Bindable(defaultValue = "BACKWARD") @NotNull CompatibilityLevel defaultCompatibility) {

    StoreSettings storeSettings() {
        return new StoreSettings(bootstrapServers, topic, writerId + "-" + topic, timeout, defaultCompatibility, Map.of());
    }
}
