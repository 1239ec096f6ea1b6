package io.conveyor.transformer.derive;

import io.conveyor.transformer.expression.EvaluationException;
import io.conveyor.transformer.expression.Expression;
import io.conveyor.transformer.expression.ExpressionParser;
import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.Rule;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.function.UnaryOperator;

/**
 * Sets a field to the value of an expression or template over the row, such as
 * {@code "${first} ${last}"} or {@code "price * qty"}. A row the expression cannot be evaluated
 * for (text in arithmetic, division by zero) is rejected, naming the target field.
 */
public final class DeriveRule implements Rule {

    private final String field;
    private final Expression expression;
    private final String source;

    /** @throws io.conveyor.transformer.expression.ExpressionSyntaxException when the expression does not parse */
    public DeriveRule(String field, String expression) {
        this(field, expression, UnaryOperator.identity());
    }

    /** @param fieldNames the record's name of each field the expression names */
    public DeriveRule(String field, String expression, UnaryOperator<String> fieldNames) {
        this.field = field;
        this.expression = ExpressionParser.parse(expression, fieldNames);
        this.source = expression;
    }

    @Override
    public String name() {
        return "derive";
    }

    @Override
    public Verdict apply(Row row, TransformContext context) {
        try {
            row.put(field, expression.evaluate(row));
            return Verdict.KEEP;
        } catch (EvaluationException e) {
            return Verdict.reject(field, "cannot evaluate '" + source + "': " + e.getMessage());
        }
    }
}
