package io.conveyor.scheduler.dag;

/** Where a task of a run stands. */
public enum TaskStatus {
    /** Waiting for its upstream tasks. */
    PENDING,
    /** Released: the command for the current attempt was sent, no start report yet. */
    READY,
    /** The current attempt reported that it started. */
    RUNNING,
    /** The last attempt failed or timed out; the next one is dispatched when the backoff expires. */
    RETRYING,
    SUCCEEDED,
    /** The last attempt failed and no retry is left. */
    FAILED,
    /** Its trigger rule can no longer hold; see {@link SkipCause}. */
    SKIPPED,
    CANCELLED,
    /** The last attempt exceeded the task's timeout and no retry is left. */
    TIMED_OUT;

    public boolean isTerminal() {
        return switch (this) {
            case SUCCEEDED, FAILED, SKIPPED, CANCELLED, TIMED_OUT -> true;
            case PENDING, READY, RUNNING, RETRYING -> false;
        };
    }

    /** An attempt has been dispatched and has not ended yet. */
    public boolean hasLiveAttempt() {
        return this == READY || this == RUNNING;
    }
}
