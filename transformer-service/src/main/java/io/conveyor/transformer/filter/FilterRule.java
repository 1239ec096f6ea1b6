package io.conveyor.transformer.filter;

import io.conveyor.transformer.expression.EvaluationException;
import io.conveyor.transformer.expression.Expression;
import io.conveyor.transformer.expression.ExpressionParser;
import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.row.Values;
import io.conveyor.transformer.rules.Rule;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.function.UnaryOperator;

/**
 * Drops the records for which a condition, in the expression language of derive, is true, such as
 * {@code status == 'TEST' || amount < 0}. A dropped record is filtered out on purpose, so it is
 * counted as dropped and does not go to the dead-letter topic. False or null keeps the record; a
 * condition that cannot be evaluated, or gives something other than true, false or null, rejects it.
 */
public final class FilterRule implements Rule {

    private final Expression condition;
    private final String source;
    private final String reason;

    /** @throws io.conveyor.transformer.expression.ExpressionSyntaxException when the condition does not parse */
    public FilterRule(String condition) {
        this(condition, UnaryOperator.identity());
    }

    /** @param fieldNames the record's name of each field the condition names */
    public FilterRule(String condition, UnaryOperator<String> fieldNames) {
        this.condition = ExpressionParser.parseExpression(condition, fieldNames);
        this.source = condition;
        this.reason = "matches " + condition;
    }

    @Override
    public String name() {
        return "filter";
    }

    @Override
    public Verdict apply(Row row, TransformContext context) {
        Object value;
        try {
            value = condition.evaluate(row);
        } catch (EvaluationException e) {
            return Verdict.reject(null, "cannot evaluate '" + source + "': " + e.getMessage());
        }
        if (Boolean.TRUE.equals(value)) {
            return Verdict.drop(reason);
        }
        if (value == null || Boolean.FALSE.equals(value)) {
            return Verdict.KEEP;
        }
        return Verdict.reject(null, "the filter '" + source + "' gave " + Values.quote(value) + ", not true or false");
    }
}
