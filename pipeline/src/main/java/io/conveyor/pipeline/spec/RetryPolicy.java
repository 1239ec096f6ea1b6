package io.conveyor.pipeline.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a failed task is retried and how long to wait in between: the wait doubles with each
 * retry, starting at {@code backoff} and never exceeding {@code maxBackoff}.
 *
 * @param maxRetries retries after the first attempt; 0 disables retrying
 */
public record RetryPolicy(int maxRetries, Duration backoff, Duration maxBackoff) {

    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetries < 0 || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("invalid retry policy: " + maxRetries + ", " + backoff + ", " + maxBackoff);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are numbered from 1: " + retry);
        }
        Duration delay = backoff;
        for (int i = 1; i < retry && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
