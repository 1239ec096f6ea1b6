package io.conveyor.scheduler.catalog;

import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.schemas.TopicNames;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How the scheduler reaches Kafka and the schema registry, under {@code conveyor.scheduler}
 * (documented in {@code docs/configuration-scheduler.md}).
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl schema registry base URL
 * @param topicPrefix      prefix of every Conveyor topic
 * @param timeout          how long a Kafka or registry operation may take
 * @param dataTopicPartitions partitions of the data and dead-letter topics created when a pipeline is deployed
 */
@ConfigurationProperties("conveyor.scheduler")
@Requires(env = SchedulerApplication.ENVIRONMENT)
public record ControlPlaneSettings(
        @NotBlank String bootstrapServers,
        @NotBlank String schemaRegistryUrl,
        @Bindable(defaultValue = TopicNames.DEFAULT_PREFIX) @NotBlank String topicPrefix,
        @Bindable(defaultValue = "30s") @NotNull Duration timeout,
        @Bindable(defaultValue = "6") @Min(1) int dataTopicPartitions) {

    public TopicNames topics() {
        return new TopicNames(topicPrefix);
    }

    /** Settings every Kafka client and Conveyor serde of the scheduler starts from. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("schema.registry.url", schemaRegistryUrl);
        return config;
    }
}
