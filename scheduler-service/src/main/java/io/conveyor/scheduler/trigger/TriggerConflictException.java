package io.conveyor.scheduler.trigger;

import java.util.Objects;

/**
 * A well-formed trigger that contradicts what already exists: a cancel of a finished run, an
 * idempotency key reused with other parameters. Names the request field at fault.
 */
public final class TriggerConflictException extends RuntimeException {

    private final String field;

    public TriggerConflictException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public String field() {
        return field;
    }
}
