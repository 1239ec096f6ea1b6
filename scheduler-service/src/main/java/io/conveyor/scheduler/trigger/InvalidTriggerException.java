package io.conveyor.scheduler.trigger;

import java.util.Objects;

/** A trigger request that cannot be carried out as asked; names the request field at fault. */
public final class InvalidTriggerException extends RuntimeException {

    private final String field;

    public InvalidTriggerException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public String field() {
        return field;
    }
}
