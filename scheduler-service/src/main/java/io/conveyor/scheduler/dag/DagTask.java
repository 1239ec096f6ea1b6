package io.conveyor.scheduler.dag;

import io.conveyor.pipeline.spec.TriggerRule;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as the run tracker sees it: its place in the graph and its execution policy. What the
 * task does (source, rules, sink) lives in the pipeline model, not here.
 *
 * @param retries how many times a failed or timed-out attempt is retried (0 = one attempt only)
 * @param retryBackoff the wait before the first retry; it doubles for each further retry
 * @param maxRetryBackoff the cap on that wait
 * @param timeout the longest an attempt may take from its dispatch
 * @param priority higher is dispatched first among tasks released together
 * @param rejectThreshold the highest accepted share of rejected records (rejected / in), 0..1
 * @param streamsInput whether the task consumes its upstream tasks' output while they produce it,
 *                     so it is released once they are dispatched rather than once they succeeded
 *                     (all_success only; it learns the end of its input from END markers)
 */
public record DagTask(
        String id,
        List<String> dependsOn,
        TriggerRule triggerRule,
        int retries,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Optional<Duration> timeout,
        int priority,
        double rejectThreshold,
        boolean streamsInput) {

    public DagTask {
        Objects.requireNonNull(id, "task id");
        if (id.isBlank()) {
            throw invalid(id, "task id must not be blank");
        }
        dependsOn = List.copyOf(Objects.requireNonNull(dependsOn, "dependsOn of task " + id));
        Objects.requireNonNull(triggerRule, "triggerRule of task " + id);
        Objects.requireNonNull(retryBackoff, "retryBackoff of task " + id);
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff of task " + id);
        Objects.requireNonNull(timeout, "timeout of task " + id);
        requireDistinct(id, dependsOn);
        requireRetryPolicy(id, retries, retryBackoff, maxRetryBackoff);
        timeout.filter(t -> t.isZero() || t.isNegative()).ifPresent(t -> {
            throw invalid(id, "timeout must be positive, was " + t);
        });
        if (!(rejectThreshold >= 0.0 && rejectThreshold <= 1.0)) {
            throw invalid(id, "rejectThreshold must be between 0 and 1, was " + rejectThreshold);
        }
        if (streamsInput && triggerRule != TriggerRule.ALL_SUCCESS) {
            throw invalid(id, "only an all_success task can stream its input, not " + triggerRule);
        }
    }

    /**
     * The wait before retrying after attempt {@code failedAttempt} ended:
     * {@code retryBackoff * 2^(failedAttempt - 1)}, capped at {@code maxRetryBackoff}.
     */
    public Duration backoffAfter(int failedAttempt) {
        Duration backoff = retryBackoff;
        for (int attempt = 1; attempt < failedAttempt && !backoff.isZero(); attempt++) {
            // Comparing with half the cap before doubling keeps huge caps from overflowing Duration.
            if (backoff.compareTo(maxRetryBackoff.dividedBy(2)) > 0) {
                return maxRetryBackoff;
            }
            backoff = backoff.multipliedBy(2);
        }
        return backoff;
    }

    /** Whether the attempt that just ended may be followed by another one. */
    public boolean mayRetryAfter(int endedAttempt) {
        return endedAttempt <= retries;
    }

    private static void requireDistinct(String id, List<String> dependsOn) {
        var seen = new HashSet<String>();
        for (String upstream : dependsOn) {
            if (!seen.add(upstream)) {
                throw invalid(id, "dependsOn lists '" + upstream + "' twice");
            }
        }
    }

    private static void requireRetryPolicy(String id, int retries, Duration backoff, Duration max) {
        if (retries < 0) {
            throw invalid(id, "retries must not be negative, was " + retries);
        }
        if (backoff.isNegative()) {
            throw invalid(id, "retryBackoff must not be negative, was " + backoff);
        }
        if (max.compareTo(backoff) < 0) {
            throw invalid(id, "maxRetryBackoff " + max + " is shorter than retryBackoff " + backoff);
        }
    }

    private static InvalidDagException invalid(String id, String message) {
        return new InvalidDagException(InvalidDagException.Problem.INVALID_TASK, id,
                "task '" + id + "': " + message);
    }
}
