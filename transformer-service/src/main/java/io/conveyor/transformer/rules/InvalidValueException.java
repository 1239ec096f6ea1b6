package io.conveyor.transformer.rules;

/**
 * A field value that a {@link FieldFunction} cannot accept. The message says why and quotes the
 * value. It carries no stack trace: it is an expected outcome on a hot path and the rejection it
 * becomes records where it happened (rule, field) explicitly.
 */
public final class InvalidValueException extends Exception {

    public InvalidValueException(String message) {
        super(message, null, false, false);
    }

    public InvalidValueException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
