package io.conveyor.cli;

/** Ends a command with one line on stderr and an exit code from {@link ExitCodes}; never a stack trace. */
public final class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliFailure invalid(String message) {
        return new CliFailure(ExitCodes.INVALID, message);
    }
}
