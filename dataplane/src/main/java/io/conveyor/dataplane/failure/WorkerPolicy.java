package io.conveyor.dataplane.failure;

import java.time.Duration;
import java.util.Objects;

/**
 * How every data-path worker meets trouble.
 *
 * @param failures      retries of transient errors, then the task fails
 * @param strayPatience how long a data record whose run is unknown waits for the run's command before it is
 *                      quarantined and its partition moves on
 */
public record WorkerPolicy(FailurePolicy failures, Duration strayPatience) {

    /** Long enough for a run's command to arrive after its first records even when the control plane lags. */
    public static final Duration DEFAULT_STRAY_PATIENCE = Duration.ofSeconds(30);

    public WorkerPolicy {
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(strayPatience, "strayPatience");
        if (strayPatience.isNegative()) {
            throw new IllegalArgumentException("strayPatience must not be negative: " + strayPatience);
        }
    }

    /** The default backoff with the service's configured budget and patience. */
    public static WorkerPolicy of(int maxRetries, Duration maxRetryDuration, Duration strayPatience) {
        FailurePolicy base = FailurePolicy.defaults();
        return new WorkerPolicy(new FailurePolicy(maxRetries, base.initialBackoff(), base.maxBackoff(), maxRetryDuration,
                base.jitter()), strayPatience);
    }

    public static WorkerPolicy defaults() {
        return new WorkerPolicy(FailurePolicy.defaults(), DEFAULT_STRAY_PATIENCE);
    }
}
