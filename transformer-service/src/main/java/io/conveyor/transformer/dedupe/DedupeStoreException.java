package io.conveyor.transformer.dedupe;

/** The local dedupe index or its changelog topic cannot be used; the task's worker stops. */
public final class DedupeStoreException extends RuntimeException {

    public DedupeStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
