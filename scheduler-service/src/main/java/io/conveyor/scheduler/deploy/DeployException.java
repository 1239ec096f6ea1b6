package io.conveyor.scheduler.deploy;

/** A deployment could not be completed because Kafka or the registry failed. */
public final class DeployException extends RuntimeException {

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
