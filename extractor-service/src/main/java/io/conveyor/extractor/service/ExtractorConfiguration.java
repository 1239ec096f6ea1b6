package io.conveyor.extractor.service;

import io.conveyor.dataplane.failure.FailurePolicy;
import io.conveyor.dataplane.failure.WorkerPolicy;
import io.conveyor.extractor.ExtractorApplication;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Settings of the extractor service, under {@code conveyor.extractor}; every key is documented in
 * docs/configuration-extractor.md.
 *
 * @param bootstrapServers     the Kafka cluster
 * @param schemaRegistryUrl    the Confluent-compatible registry
 * @param topicPrefix          prefix of every Conveyor topic
 * @param instanceId           stable per instance: the transactional id is derived from it, so a restarted
 *                             instance fences its own zombie
 * @param consumerGroup        the group the instances share task commands in
 * @param progressEveryBatches a PROGRESS status is reported with every this many batches
 * @param maxRetries           transient errors in a row an extraction retries from its last checkpoint
 *                             (exponential backoff from 250 ms to 10 s) before its attempt fails with the cause
 * @param maxRetryDuration     how long such a run of retries may last in all
 * @param maxRecordBytes       the largest record sent, below the producer's {@code max.request.size}
 *                             (1 MiB by default); larger ones are dead-lettered
 */
@ConfigurationProperties("conveyor.extractor")
@Requires(env = ExtractorApplication.ENVIRONMENT)
public record ExtractorConfiguration(
        @NotBlank String bootstrapServers,
        @NotBlank String schemaRegistryUrl,
        @Bindable(defaultValue = "conveyor") @NotBlank String topicPrefix,
        @NotBlank String instanceId,
        @Bindable(defaultValue = "conveyor-extractor") @NotBlank String consumerGroup,
        @Bindable(defaultValue = "10") @Min(1) int progressEveryBatches,
        @Bindable(defaultValue = "10") @Min(0) int maxRetries,
        @Bindable(defaultValue = "2m") @NotNull Duration maxRetryDuration,
        @Bindable(defaultValue = "1000000") @Min(1024) int maxRecordBytes) {

    /** The one failure policy of every worker, with this service's budget. */
    public FailurePolicy failurePolicy() {
        return WorkerPolicy.of(maxRetries, maxRetryDuration, WorkerPolicy.DEFAULT_STRAY_PATIENCE).failures();
    }

    /** The transactional id of this instance's producer. */
    public String transactionalId() {
        return consumerGroup + "-" + instanceId;
    }
}
