package io.conveyor.launcher.run;

/**
 * The scheduler answered 503 to a run query: its tracker's stores are not queryable right now
 * (starting, restoring its state after a restart, rebalancing or stopping). Worth waiting for.
 */
public final class TrackerUnavailableException extends SchedulerCallException {

    public TrackerUnavailableException(String message) {
        super(message);
    }
}
