package io.conveyor.loader.service;

import io.conveyor.dataplane.AllowedHosts;
import io.conveyor.dataplane.FileRoots;
import io.conveyor.dataplane.ServiceClients;
import io.conveyor.loader.LoaderApplication;
import io.conveyor.pipeline.spec.SecretEnvAllowList;
import io.conveyor.loader.stream.LoaderSettings;
import io.conveyor.kafka.KafkaConnection;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import io.conveyor.dataplane.failure.WorkerPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the loader service, under {@code conveyor.loader} (documented in
 * docs/configuration-loader.md).
 *
 * @param instanceId        this instance's name; empty for a random one per start
 * @param maxPollRecords    records per poll, hence at most per database transaction
 * @param warehousePath     the embedded warehouse's DuckDB file, for {@code warehouse} sinks naming none; empty for none
 * @param rowRetryBudget    rows refused one after another for the same reason (SQLSTATE) with none loaded in
 *                          between, after which the run fails with that reason instead of dead-lettering row by row
 * @param maxRetries        transient errors in a row a worker retries (exponential backoff from 250 ms to 10 s)
 *                          before it fails its task's open runs with the cause
 * @param maxRetryDuration  how long such a run of retries may last in all
 * @param strayPatience     how long a data record of a run without a command waits for it before it is quarantined
 * @param secretEnvAllow    globs of the environment variables a postgres sink's {@code passwordEnv} may read;
 *                          any other reads as unset, so a pipeline cannot send this service's environment away
 * @param allowedHosts      the hosts postgres sinks may connect to; none allows every host
 * @param fileRoots         the directories file sinks and warehouse sinks naming a {@code path} may write; none allows every path
 */
@ConfigurationProperties("conveyor.loader")
@Requires(env = LoaderApplication.ENVIRONMENT)
public record LoaderConfiguration(
        @Bindable(defaultValue = "") @NotNull String instanceId,
        @Bindable(defaultValue = "5000") @Min(1) int maxPollRecords,
        @Bindable(defaultValue = "") @NotNull String warehousePath,
        @Bindable(defaultValue = "100") @Min(1) int rowRetryBudget,
        @Bindable(defaultValue = "10") @Min(0) int maxRetries,
        @Bindable(defaultValue = "2m") @NotNull Duration maxRetryDuration,
        @Bindable(defaultValue = "30s") @NotNull Duration strayPatience,
        @Bindable(defaultValue = "CONVEYOR_SECRET_*,CONVEYOR_*_PASSWORD") List<String> secretEnvAllow,
        @Bindable(defaultValue = "") List<String> fileRoots,
        @Bindable(defaultValue = "") List<String> allowedHosts) {

    /** This service's settings on the shared Kafka connection ({@code conveyor.kafka.*}), security settings included. */
    public LoaderSettings settings(KafkaConnection kafka) {
        kafka.requireSchemaRegistryUrl();
        return new LoaderSettings(kafka.clientConfig(), kafka.topicPrefix(),
                ServiceClients.instanceId(instanceId, "loader"), maxPollRecords,
                SecretEnvAllowList.of(secretEnvAllow == null ? List.of() : secretEnvAllow).filter(System.getenv()),
                warehousePath.isBlank() ? Optional.empty() : Optional.of(Path.of(warehousePath)), rowRetryBudget,
                WorkerPolicy.of(maxRetries, maxRetryDuration, strayPatience),
                FileRoots.of(fileRoots, LoaderSettings.FILE_ROOTS_KEY),
                AllowedHosts.of(allowedHosts, LoaderSettings.ALLOWED_HOSTS_KEY));
    }
}
