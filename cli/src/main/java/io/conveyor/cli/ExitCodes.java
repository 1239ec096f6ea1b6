package io.conveyor.cli;

/**
 * What {@code conveyor} exits with, for scripts (docs/cli.md lists them). A refused request is the
 * caller's to fix (2, 4); an unreachable or failing server is not (3), and retrying may help.
 */
public final class ExitCodes {

    /** The command did what it was asked; a waited-for run SUCCEEDED or SUCCEEDED_WITH_REJECTS. */
    public static final int OK = 0;
    /** A run the command waited for (or watched) ended FAILED or CANCELLED. */
    public static final int RUN_FAILED = 1;
    /**
     * Usage error or invalid input: unknown option, bad value, a pipeline that does not validate, a 400/409/422 answer.
     * A conflict (409: a schema conflict, no open dead letter to replay) is the caller's to resolve, so it is this code too.
     */
    public static final int INVALID = 2;
    /** The scheduler (or Kafka) could not be reached, answered 5xx, or answered something unexpected. */
    public static final int UNAVAILABLE = 3;
    /** What the command named does not exist: an unknown pipeline, run or dead letter (404). */
    public static final int NOT_FOUND = 4;

    /** The scheduler refused the caller: no or wrong credentials (401), or a role that may not do this (403). */
    public static final int DENIED = 5;

    private ExitCodes() {
    }
}
