package io.conveyor.transformer.plan;

/** A rule of a transform task that cannot be built, with its 1-based position in the task's rules. */
public final class InvalidRuleException extends Exception {

    public InvalidRuleException(int position, String ruleName, String message, Throwable cause) {
        super("rule #" + position + " (" + ruleName + "): " + message, cause);
    }
}
