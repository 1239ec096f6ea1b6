package io.conveyor.extractor.service;

import io.conveyor.dataplane.failure.FailurePolicy;
import io.conveyor.dataplane.failure.WorkerPolicy;
import io.conveyor.dataplane.FileRoots;
import io.conveyor.extractor.ExtractorApplication;
import io.conveyor.pipeline.spec.SecretEnvAllowList;
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
 * Settings of the extractor service, under {@code conveyor.extractor}; every key is documented in
 * docs/configuration-extractor.md. Kafka and the registry are the shared {@code conveyor.kafka.*}.
 *
 * @param instanceId           stable per instance: the transactional id is derived from it, so a restarted
 *                             instance fences its own zombie
 * @param consumerGroup        the group the instances share task commands in
 * @param progressEveryBatches a PROGRESS status is reported with every this many batches
 * @param maxRetries           transient errors in a row an extraction retries from its last checkpoint
 *                             (exponential backoff from 250 ms to 10 s) before its attempt fails with the cause
 * @param maxRetryDuration     how long such a run of retries may last in all
 * @param maxRecordBytes       the largest record sent, below the producer's {@code max.request.size}
 *                             (1 MiB by default); larger ones are dead-lettered
 * @param secretEnvAllow       globs of the environment variables a JDBC source's {@code passwordEnv} may read;
 *                             any other reads as unset, so a pipeline cannot send this service's environment away
 * @param fileRoots            the directories file sources may read (after parameters, {@code ..} and links are
 *                             resolved); none configured allows every path
 * @param allowedHosts         the hosts JDBC and HTTP sources may connect to ({@code *.example.com} for sub-domains);
 *                             none configured allows every host
 */
@ConfigurationProperties("conveyor.extractor")
@Requires(env = ExtractorApplication.ENVIRONMENT)
public record ExtractorConfiguration(
        @NotBlank String instanceId,
        @Bindable(defaultValue = "conveyor-extractor") @NotBlank String consumerGroup,
        @Bindable(defaultValue = "10") @Min(1) int progressEveryBatches,
        @Bindable(defaultValue = "10") @Min(0) int maxRetries,
        @Bindable(defaultValue = "2m") @NotNull Duration maxRetryDuration,
        @Bindable(defaultValue = "1000000") @Min(1024) int maxRecordBytes,
        @Bindable(defaultValue = "CONVEYOR_SECRET_*,CONVEYOR_*_PASSWORD") List<String> secretEnvAllow,
        @Bindable(defaultValue = "") List<String> fileRoots,
        @Bindable(defaultValue = "") List<String> allowedHosts) {

    /** The key of {@link #allowedHosts}, named when a source's host is not in it. */
    public static final String ALLOWED_HOSTS_KEY = "conveyor.extractor.allowed-hosts";

    /** The key of {@link #fileRoots}, named when a source file lies outside them. */
    public static final String FILE_ROOTS_KEY = "conveyor.extractor.file-roots";

    public FileRoots allowedFiles() {
        return FileRoots.of(fileRoots, FILE_ROOTS_KEY);
    }

    /** The part of this process's environment pipelines may name as a secret. */
    public Map<String, String> secretEnvironment() {
        return SecretEnvAllowList.of(secretEnvAllow == null ? List.of() : secretEnvAllow).filter(System.getenv());
    }

    /** The one failure policy of every worker, with this service's budget. */
    public FailurePolicy failurePolicy() {
        return WorkerPolicy.of(maxRetries, maxRetryDuration, WorkerPolicy.DEFAULT_STRAY_PATIENCE).failures();
    }

    /** The transactional id of this instance's producer. */
    public String transactionalId() {
        return consumerGroup + "-" + instanceId;
    }
}
