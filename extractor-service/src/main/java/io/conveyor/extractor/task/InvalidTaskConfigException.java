package io.conveyor.extractor.task;

/** A task command whose {@code config} does not describe an extract task the extractor can run. */
public final class InvalidTaskConfigException extends RuntimeException {

    public InvalidTaskConfigException(String message) {
        super(message);
    }

    public InvalidTaskConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
