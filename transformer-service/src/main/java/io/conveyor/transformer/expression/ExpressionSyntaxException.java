package io.conveyor.transformer.expression;

/** An expression or template that cannot be parsed; says what was expected, and where. */
public final class ExpressionSyntaxException extends IllegalArgumentException {

    private final String source;
    private final int position;

    ExpressionSyntaxException(String problem, String source, int index) {
        super(problem + " at position " + (index + 1) + " in '" + source + "'");
        this.source = source;
        this.position = index + 1;
    }

    /** The 1-based character position of the problem. */
    public int position() {
        return position;
    }

    public String source() {
        return source;
    }
}
