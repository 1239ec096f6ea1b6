package io.conveyor.pipeline.spec.canonical;

/** Canonical pipeline JSON that cannot be read back into a spec, with the JSON path of the offending value. */
public final class CanonicalJsonException extends IllegalArgumentException {

    private final String path;
    private final String reason;

    CanonicalJsonException(String path, String reason) {
        this(path, reason, null);
    }

    CanonicalJsonException(String path, String reason, Throwable cause) {
        super("canonical pipeline JSON, " + (path.isEmpty() ? "top level" : path) + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /** Where the problem is, e.g. {@code tasks[2].work.sink.target.mode}; empty for the document itself. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
