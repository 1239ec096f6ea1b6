package io.conveyor.transformer.rules;

/** What one rule decided about one record. */
public sealed interface Verdict {

    /** The record goes on to the next rule; shared, so keeping a record allocates nothing. */
    Verdict KEEP = Keep.INSTANCE;

    static Verdict keep() {
        return KEEP;
    }

    static Verdict drop(String reason) {
        return new Drop(reason);
    }

    static Verdict duplicate(String key) {
        return new Duplicate(key);
    }

    static Verdict reject(String field, String message) {
        return new Reject(field, message, null);
    }

    static Verdict reject(String field, String message, Throwable cause) {
        return new Reject(field, message, cause == null ? null : cause.getClass().getName());
    }

    enum Keep implements Verdict {
        INSTANCE
    }

    /** Filtered out on purpose; not an error, so it does not go to the dead-letter topic. */
    record Drop(String reason) implements Verdict {
    }

    /** A later record with a key already seen in this run. */
    record Duplicate(String key) implements Verdict {
    }

    /**
     * The record is invalid. {@code field} is null when no single field is to blame;
     * {@code exceptionClass} names the exception behind the failure, if any.
     */
    record Reject(String field, String message, String exceptionClass) implements Verdict {
    }
}
