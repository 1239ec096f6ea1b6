package io.conveyor.transformer.expression;

import io.conveyor.transformer.row.Row;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The functions expressions may call. Arguments are evaluated lazily, so if() and coalesce() short-circuit. */
enum BuiltIn {
    UPPER(1, 1) {
        @Override
        Object call(Expression[] arguments, Row row, int position) {
            Object value = arguments[0].evaluate(row);
            return value == null ? null : Operators.text(value).toUpperCase(Locale.ROOT);
        }
    },
    LOWER(1, 1) {
        @Override
        Object call(Expression[] arguments, Row row, int position) {
            Object value = arguments[0].evaluate(row);
            return value == null ? null : Operators.text(value).toLowerCase(Locale.ROOT);
        }
    },
    /** Joins the text of all arguments; null arguments add nothing. */
    CONCAT(1, Integer.MAX_VALUE) {
        @Override
        Object call(Expression[] arguments, Row row, int position) {
            StringBuilder joined = new StringBuilder();
            for (Expression argument : arguments) {
                joined.append(Operators.text(argument.evaluate(row)));
            }
            return joined.toString();
        }
    },
    /** The first argument that is not null, or null. */
    COALESCE(1, Integer.MAX_VALUE) {
        @Override
        Object call(Expression[] arguments, Row row, int position) {
            for (Expression argument : arguments) {
                Object value = argument.evaluate(row);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }
    },
    /** if(condition, then, otherwise); a null condition counts as false. */
    IF(3, 3) {
        @Override
        Object call(Expression[] arguments, Row row, int position) {
            boolean condition = Operators.truth(arguments[0].evaluate(row), position);
            return (condition ? arguments[1] : arguments[2]).evaluate(row);
        }
    };

    final int minArguments;
    final int maxArguments;

    BuiltIn(int minArguments, int maxArguments) {
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    abstract Object call(Expression[] arguments, Row row, int position);

    String functionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The function called {@code name} (any case), or null. */
    static BuiltIn named(String name) {
        for (BuiltIn function : values()) {
            if (function.name().equalsIgnoreCase(name)) {
                return function;
            }
        }
        return null;
    }

    static String known() {
        return Arrays.stream(values()).map(BuiltIn::functionName).collect(Collectors.joining(", "));
    }
}
