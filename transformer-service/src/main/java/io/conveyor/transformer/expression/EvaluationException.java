package io.conveyor.transformer.expression;

/**
 * An expression that cannot be evaluated for one row, such as arithmetic on text. Expected per
 * record (the row is rejected), so it carries no stack trace; the message names the position in
 * the expression.
 */
public final class EvaluationException extends RuntimeException {

    EvaluationException(String problem, int index) {
        super(problem + " (at position " + (index + 1) + ")", null, false, false);
    }
}
