package io.conveyor.kafka.groups;

/** Kafka did not answer, or refused, a read of the consumer groups; the message names the step and the brokers. */
public final class ConsumerGroupReadException extends RuntimeException {

    public ConsumerGroupReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
