package io.conveyor.scheduler.trigger;

/** Kafka did not take a trigger; the request may be retried, run ids being deterministic. */
public final class TriggerPublishException extends RuntimeException {

    public TriggerPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
