package io.conveyor.scheduler.schedule;

/** Fire times could not be published; the next tick tries again from the stored state. */
public final class SchedulingException extends RuntimeException {

    public SchedulingException(String message, Throwable cause) {
        super(message, cause);
    }
}
