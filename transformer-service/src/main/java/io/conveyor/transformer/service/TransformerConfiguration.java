package io.conveyor.transformer.service;

import io.conveyor.dataplane.ServiceClients;
import io.conveyor.transformer.TransformerApplication;
import io.conveyor.transformer.stream.TransformerSettings;
import io.conveyor.kafka.KafkaConnection;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import io.conveyor.transformer.dedupe.DedupeSettings;
import io.conveyor.dataplane.failure.WorkerPolicy;
import java.nio.file.Path;
import java.time.Duration;
import io.conveyor.transformer.plugin.PluginAllowList;
import java.util.List;

/**
 * Settings of the transformer service, under {@code conveyor.transformer} (documented in
 * docs/configuration-transformer.md).
 *
 * @param instanceId        this instance's name; empty for a random one per start
 * @param maxPollRecords    records per poll, hence at most per Kafka transaction
 * @param dedupeDirectory   where the dedupe rules' local key index lives; empty for {@code <java.io.tmpdir>/conveyor-transformer-dedupe}
 * @param dedupeCacheBytes  RocksDB block cache shared by the instance's dedupe indexes (off-heap)
 * @param dedupeWriteBufferBytes RocksDB write buffers of those indexes together, charged to that cache
 * @param maxRetries        transient errors in a row a worker retries (exponential backoff from 250 ms to 10 s)
 *                          before it fails its task's open runs with the cause
 * @param maxRetryDuration  how long such a run of retries may last in all
 * @param strayPatience     how long a data record of a run without a command waits for it before it is quarantined
 * @param pluginAllow       the classes ({@code com.acme.Mask}) or prefixes ({@code com.acme.*}) custom rules may name; none by default
 */
@ConfigurationProperties("conveyor.transformer")
@Requires(env = TransformerApplication.ENVIRONMENT)
public record TransformerConfiguration(
        @Bindable(defaultValue = "") @NotNull String instanceId,
        @Bindable(defaultValue = "5000") @Min(1) int maxPollRecords,
        @Bindable(defaultValue = "") @NotNull String dedupeDirectory,
        @Bindable(defaultValue = "67108864") @Min(1) long dedupeCacheBytes,
        @Bindable(defaultValue = "16777216") @Min(1) long dedupeWriteBufferBytes,
        @Bindable(defaultValue = "10") @Min(0) int maxRetries,
        @Bindable(defaultValue = "2m") @NotNull Duration maxRetryDuration,
        @Bindable(defaultValue = "30s") @NotNull Duration strayPatience,
        @Bindable(defaultValue = "") List<String> pluginAllow) {

    /** This service's settings on the shared Kafka connection ({@code conveyor.kafka.*}), security settings included. */
    public TransformerSettings settings(KafkaConnection kafka) {
        kafka.requireSchemaRegistryUrl();
        Path directory = dedupeDirectory.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "conveyor-transformer-dedupe")
                : Path.of(dedupeDirectory);
        return new TransformerSettings(kafka.clientConfig(), kafka.topicPrefix(),
                ServiceClients.instanceId(instanceId, "transformer"), maxPollRecords,
                new DedupeSettings(directory, dedupeCacheBytes, dedupeWriteBufferBytes),
                WorkerPolicy.of(maxRetries, maxRetryDuration, strayPatience),
                new PluginAllowList(pluginAllow == null ? List.of() : pluginAllow));
    }
}
