package io.conveyor.dataplane;

/** A record flagged as an END marker whose headers are missing or invalid. */
public final class MalformedMarkerException extends Exception {

    public MalformedMarkerException(String message) {
        super(message);
    }
}
