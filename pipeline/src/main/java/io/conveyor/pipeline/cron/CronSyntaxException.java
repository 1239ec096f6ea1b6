package io.conveyor.pipeline.cron;

/**
 * A cron expression that cannot be parsed or can never fire. The message names the field, the
 * offending text and its 1-based character position in the expression, for example
 * {@code day-of-week field '8': value out of range 0-7 (position 9)}.
 */
public final class CronSyntaxException extends IllegalArgumentException {

    private final String field;
    private final String token;
    private final int position;
    private final String reason;

    CronSyntaxException(String field, String token, int position, String reason) {
        super(describe(field, token, position, reason));
        this.field = field;
        this.token = token;
        this.position = position;
        this.reason = reason;
    }

    private static String describe(String field, String token, int position, String reason) {
        return "%s '%s': %s (position %d)".formatted(field, token, reason, position);
    }

    /** The part of the expression at fault, e.g. {@code day-of-week field} or {@code expression}. */
    public String field() {
        return field;
    }

    /** The offending text. */
    public String token() {
        return token;
    }

    /** 1-based character position of {@link #token()} in the expression. */
    public int position() {
        return position;
    }

    /** Why the text was refused, without field and position. */
    public String reason() {
        return reason;
    }
}
