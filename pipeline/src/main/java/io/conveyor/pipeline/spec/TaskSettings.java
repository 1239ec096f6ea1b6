package io.conveyor.pipeline.spec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a task is executed, independent of what it does.
 *
 * @param batchSize       records per batch
 * @param timeout         how long one attempt may run; empty means no limit
 * @param priority        higher runs first when tasks compete for workers
 * @param rejectThreshold share of rejected records (0..1) above which the task fails; 1 never fails it
 */
public record TaskSettings(int batchSize, RetryPolicy retry, Optional<Duration> timeout, int priority,
                           double rejectThreshold) {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final int MAX_BATCH_SIZE = 1_000_000;
    public static final TaskSettings DEFAULT = new TaskSettings(DEFAULT_BATCH_SIZE,
            new RetryPolicy(0, Duration.ofSeconds(10), Duration.ofMinutes(10)), Optional.empty(), 0, 1.0);

    public TaskSettings {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeout, "timeout");
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize out of range: " + batchSize);
        }
        if (!(rejectThreshold >= 0 && rejectThreshold <= 1)) {
            throw new IllegalArgumentException("rejectThreshold out of range: " + rejectThreshold);
        }
    }

    /** Whether {@code rejected} out of {@code total} records is too many for the task to succeed. */
    public boolean rejectsExceedThreshold(long rejected, long total) {
        return total > 0 && (double) rejected / total > rejectThreshold;
    }
}
