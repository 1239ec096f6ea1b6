package io.conveyor.scheduler.deadletters;

import io.micronaut.http.HttpStatus;

/**
 * A dead-letter request that cannot be done as asked, answered with its status and a JSON body
 * naming the field ({@link DeadLetterErrors}).
 */
class Refused extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final transient DeadLetterDesk.Skipped skipped;

    Refused(HttpStatus status, String field, String message, DeadLetterDesk.Skipped skipped) {
        super(message);
        this.status = status;
        this.field = field;
        this.skipped = skipped;
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }

    /** The selected letters left alone, by why; null where there was no selection to speak of. */
    DeadLetterDesk.Skipped skipped() {
        return skipped;
    }
}
