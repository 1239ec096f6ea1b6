package io.conveyor.extractor.source.json;

/** A JSON value where a record (a JSON object) was expected. */
public final class NotAJsonObjectException extends Exception {

    public NotAJsonObjectException(String message) {
        super(message);
    }
}
