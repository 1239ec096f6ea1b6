package io.conveyor.scheduler.tracker;

/** A run id that does not have the form {@code {pipeline}@{suffix}}. */
public final class InvalidRunIdException extends IllegalArgumentException {

    private final String runId;

    public InvalidRunIdException(String runId) {
        super("run id '" + runId + "' is not of the form {pipeline}@{suffix}");
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
