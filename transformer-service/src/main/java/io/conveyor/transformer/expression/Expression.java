package io.conveyor.transformer.expression;

import io.conveyor.transformer.row.Row;

/**
 * A compiled expression or template; evaluates against one row. Immutable and thread-safe.
 * Built by {@link ExpressionParser}.
 */
public sealed interface Expression
        permits Nodes.Literal, Nodes.FieldRef, Nodes.Negate, Nodes.Not, Nodes.Arithmetic, Nodes.Comparison,
        Nodes.Logical, Nodes.Call, Nodes.Template {

    /**
     * @throws EvaluationException when the row's values do not fit the expression (arithmetic on
     *                             text, division by zero, comparing text with a number)
     */
    Object evaluate(Row row);
}
