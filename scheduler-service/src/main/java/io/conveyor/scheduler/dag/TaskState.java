package io.conveyor.scheduler.dag;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One task of a run.
 *
 * @param attempt the current (or last) attempt, 0 until the task is first dispatched
 * @param counts the cumulative counts the current attempt reported; reset when an attempt is dispatched
 * @param skipCause set exactly when the status is {@link TaskStatus#SKIPPED}
 * @param message the last error, timeout, skip or cancel explanation
 */
public record TaskState(
        String taskId,
        TaskStatus status,
        int attempt,
        RecordCounts counts,
        TaskTimings timings,
        Optional<SkipCause> skipCause,
        Optional<String> message) {

    public TaskState {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(status, "status of task " + taskId);
        Objects.requireNonNull(counts, "counts of task " + taskId);
        Objects.requireNonNull(timings, "timings of task " + taskId);
        Objects.requireNonNull(skipCause, "skipCause of task " + taskId);
        Objects.requireNonNull(message, "message of task " + taskId);
        if (skipCause.isPresent() != (status == TaskStatus.SKIPPED)) {
            throw new IllegalArgumentException("task '" + taskId + "' is " + status + " with skip cause " + skipCause);
        }
    }

    public static TaskState pending(String taskId) {
        return new TaskState(taskId, TaskStatus.PENDING, 0, RecordCounts.ZERO, TaskTimings.NONE, Optional.empty(),
                Optional.empty());
    }

    /**
     * Ended badly as far as trigger rules and the run outcome are concerned: failed, timed out,
     * skipped because of an upstream failure, or cancelled.
     */
    public boolean isFailure() {
        return switch (status) {
            case FAILED, TIMED_OUT, CANCELLED -> true;
            case SKIPPED -> skipCause.orElseThrow() == SkipCause.UPSTREAM_FAILED;
            case PENDING, READY, RUNNING, RETRYING, SUCCEEDED -> false;
        };
    }

    TaskState dispatched(int nextAttempt, Instant now) {
        return new TaskState(taskId, TaskStatus.READY, nextAttempt, RecordCounts.ZERO, timings.dispatched(now),
                Optional.empty(), message);
    }

    /** The first sign of life of the attempt, a start or a progress report, marks it running. */
    TaskState running(RecordCounts reported, Instant now) {
        return new TaskState(taskId, TaskStatus.RUNNING, attempt, counts.max(reported), timings.started(now),
                Optional.empty(), message);
    }

    TaskState withCounts(RecordCounts reported) {
        return new TaskState(taskId, status, attempt, reported, timings, skipCause, message);
    }

    TaskState succeeded(Instant now) {
        return new TaskState(taskId, TaskStatus.SUCCEEDED, attempt, counts, timings.finished(now), Optional.empty(),
                message);
    }

    TaskState ended(TaskStatus terminal, String why, Instant now) {
        return new TaskState(taskId, terminal, attempt, counts, timings.finished(now), Optional.empty(),
                Optional.of(why));
    }

    TaskState retrying(Instant due, String why) {
        return new TaskState(taskId, TaskStatus.RETRYING, attempt, counts, timings.retryingAt(due), Optional.empty(),
                Optional.of(why));
    }

    TaskState skipped(SkipCause cause, String why, Instant now) {
        return new TaskState(taskId, TaskStatus.SKIPPED, attempt, counts, timings.finished(now), Optional.of(cause),
                Optional.of(why));
    }
}
