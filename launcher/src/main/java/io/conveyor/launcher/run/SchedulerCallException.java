package io.conveyor.launcher.run;

/** A call to the scheduler's REST API failed or was refused; the message says which and why. */
public class SchedulerCallException extends RuntimeException {

    public SchedulerCallException(String message) {
        super(message);
    }

    public SchedulerCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
