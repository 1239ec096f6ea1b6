package io.conveyor.transformer.expression;

import io.conveyor.transformer.expression.Token.Kind;
import io.conveyor.transformer.row.Row;

/** The node types of a compiled expression; positions are 0-based source indexes for error messages. */
final class Nodes {

    private Nodes() {
    }

    record Literal(Object value) implements Expression {
        @Override
        public Object evaluate(Row row) {
            return value;
        }
    }

    record FieldRef(String field) implements Expression {
        @Override
        public Object evaluate(Row row) {
            return row.get(field);
        }
    }

    record Negate(Expression operand, int position) implements Expression {
        @Override
        public Object evaluate(Row row) {
            return Operators.negate(operand.evaluate(row), position);
        }
    }

    record Not(Expression operand, int position) implements Expression {
        @Override
        public Object evaluate(Row row) {
            return !Operators.truth(operand.evaluate(row), position);
        }
    }

    record Arithmetic(char operator, Expression left, Expression right, int position) implements Expression {
        @Override
        public Object evaluate(Row row) {
            return Operators.arithmetic(operator, left.evaluate(row), right.evaluate(row), position);
        }
    }

    record Comparison(Kind operator, Expression left, Expression right, int position) implements Expression {
        @Override
        public Object evaluate(Row row) {
            Object l = left.evaluate(row);
            Object r = right.evaluate(row);
            if (operator == Kind.EQUAL) {
                return Operators.equal(l, r, position);
            }
            if (operator == Kind.NOT_EQUAL) {
                return !Operators.equal(l, r, position);
            }
            if (l == null || r == null) {
                return false;
            }
            int order = Operators.compare(l, r, position);
            return switch (operator) {
                case LESS -> order < 0;
                case LESS_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                default -> order >= 0;
            };
        }
    }

    record Logical(boolean and, Expression left, Expression right, int position) implements Expression {
        @Override
        public Object evaluate(Row row) {
            boolean first = Operators.truth(left.evaluate(row), position);
            if (and != first) {
                return first;
            }
            return Operators.truth(right.evaluate(row), position);
        }
    }

    record Call(BuiltIn function, Expression[] arguments, int position) implements Expression {
        @Override
        public Object evaluate(Row row) {
            return function.call(arguments, row, position);
        }
    }

    /** Literal text and placeholders joined; a null placeholder value renders as empty text. */
    record Template(Expression[] parts) implements Expression {
        @Override
        public Object evaluate(Row row) {
            StringBuilder text = new StringBuilder();
            for (Expression part : parts) {
                text.append(Operators.text(part.evaluate(row)));
            }
            return text.toString();
        }
    }
}
