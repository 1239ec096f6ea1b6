package io.conveyor.scheduler.dag;

/** Where a run stands; the last four are outcomes. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, SUCCEEDED_WITH_REJECTS, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }
}
