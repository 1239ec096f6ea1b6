package io.conveyor.scheduler.catalog;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.pipeline.spec.SecretEnvAllowList;
import io.conveyor.pipeline.spec.load.Trust;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the scheduler, under {@code conveyor.scheduler} (documented in
 * {@code docs/configuration-scheduler.md}); Kafka and the registry are the shared {@code conveyor.kafka.*}.
 *
 * @param timeout          how long a Kafka or registry operation may take
 * @param dataTopicPartitions partitions of the data and dead-letter topics created when a pipeline is deployed
 * @param secretEnvAllow   globs of the environment variables a deployed pipeline may name in {@code passwordEnv}
 * @param literalPasswords whether deployed pipelines may hold {@code password:} in clear (off: it would be
 *                         stored on the pipelines topic and served by {@code GET /pipelines/{name}})
 */
@ConfigurationProperties("conveyor.scheduler")
@Requires(env = SchedulerApplication.ENVIRONMENT)
public record ControlPlaneSettings(
        @Bindable(defaultValue = "30s") @NotNull Duration timeout,
        @Bindable(defaultValue = "6") @Min(1) int dataTopicPartitions,
        @Bindable(defaultValue = "CONVEYOR_SECRET_*,CONVEYOR_*_PASSWORD") @NotNull List<String> secretEnvAllow,
        @Bindable(defaultValue = "false") boolean literalPasswords) {

    /** The key of {@link #secretEnvAllow}, named when a pipeline is refused for it. */
    public static final String SECRET_ENV_ALLOW_KEY = "conveyor.scheduler.secret-env-allow";

    /** How far a pipeline deployed to this scheduler is trusted. */
    public Trust deployTrust() {
        return Trust.deployed(SecretEnvAllowList.of(secretEnvAllow), literalPasswords, SECRET_ENV_ALLOW_KEY);
    }

    /** The topics under the shared prefix. */
    public static TopicNames topics(KafkaConnection kafka) {
        return new TopicNames(kafka.topicPrefix());
    }

    /** A client of the shared registry, with its credentials. */
    public static SchemaRegistryClient registry(KafkaConnection kafka) {
        return new SchemaRegistryClient(List.of(kafka.requireSchemaRegistryUrl()), kafka.schemaRegistryUserInfo(),
                Duration.ofSeconds(30));
    }

    /** Settings every Kafka client and Conveyor serde of the scheduler starts from; the registry is required. */
    public static Map<String, Object> clientConfig(KafkaConnection kafka) {
        kafka.requireSchemaRegistryUrl();
        return kafka.clientConfig();
    }
}
