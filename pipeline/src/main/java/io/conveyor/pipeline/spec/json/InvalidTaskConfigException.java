package io.conveyor.pipeline.spec.json;

/** A task command's config that is not the JSON of a valid task spec. */
public final class InvalidTaskConfigException extends Exception {

    public InvalidTaskConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
