package io.conveyor.scheduler.trigger;

/** A request names a run id of the right form that no tracker knows. */
public final class UnknownRunException extends RuntimeException {

    public UnknownRunException(String runId) {
        super("no run " + runId);
    }
}
