package io.conveyor.registry.http;

import io.conveyor.kafka.KafkaConnection;
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
 * Settings of the registry server, under {@code conveyor.registry}; the cluster it stores schemas on is
 * the one every service shares, {@code conveyor.kafka.*}.
 *
 * @param topic                 the compacted storage topic
 * @param writerId              transactional id shared by all instances of this registry
 * @param timeout               how long a storage read or write may take
 * @param defaultCompatibility  global level until one is configured
 */
@ConfigurationProperties("conveyor.registry")
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
public record RegistryConfiguration(
        @Bindable(defaultValue = "_schemas") @NotBlank String topic,
        @Bindable(defaultValue = "conveyor-schema-registry") @NotBlank String writerId,
        @Bindable(defaultValue = "30s") @NotNull Duration timeout,
        @Bindable(defaultValue = "BACKWARD") @NotNull CompatibilityLevel defaultCompatibility) {

    /** The storage on the cluster every Conveyor service shares ({@code conveyor.kafka.*}, security settings included). */
    StoreSettings storeSettings(KafkaConnection kafka) {
        return new StoreSettings(kafka.bootstrapServers(), topic, writerId + "-" + topic, timeout, defaultCompatibility,
                Map.copyOf(kafka.adminConfig()));
    }
}
