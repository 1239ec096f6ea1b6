package io.conveyor.loader.file;

/** A record that cannot be written in the sink's format; it goes to the dead-letter topic. */
final class RecordRefusedException extends RuntimeException {

    RecordRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
