package io.conveyor.transformer.expression;

import io.conveyor.transformer.expression.Token.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Compiles derive expressions and templates.
 *
 * <p>Templates are text with placeholders, {@code "${first} ${last}"}; each placeholder holds an
 * expression and "$${" writes a literal "${". Expressions, lowest precedence first:
 * <pre>
 *   or          := and ('||' and)*
 *   and         := equality ('&amp;&amp;' equality)*
 *   equality    := comparison (('==' | '!=') comparison)*
 *   comparison  := additive (('&lt;' | '&lt;=' | '&gt;' | '&gt;=') additive)?
 *   additive    := multiplicative (('+' | '-') multiplicative)*
 *   multiplicative := unary (('*' | '/' | '%') unary)*
 *   unary       := ('-' | '!') unary | primary
 *   primary     := number | string | true | false | null | field | `any field name`
 *                | function '(' arguments ')' | '(' or ')'
 * </pre>
 * Functions: upper, lower, concat, coalesce, if. See {@link Operators} for the value semantics.
 */
public final class ExpressionParser {

    private static final Set<Kind> COMPARISONS = EnumSet.of(Kind.LESS, Kind.LESS_EQUAL, Kind.GREATER, Kind.GREATER_EQUAL);

    private final String source;
    private final Lexer lexer;
    private final UnaryOperator<String> fieldNames;
    private Token current;

    private ExpressionParser(String source, int start, UnaryOperator<String> fieldNames) {
        this.source = source;
        this.lexer = new Lexer(source, start);
        this.fieldNames = fieldNames;
        this.current = lexer.next();
    }

    /** A template when the text contains "${", otherwise an expression. */
    public static Expression parse(String text) {
        return parse(text, UnaryOperator.identity());
    }

    /**
     * As {@link #parse(String)}, reading each field the text names under {@code fieldNames.apply(name)}:
     * the transformer maps the source's spelling of a column to the record's Avro name so.
     */
    public static Expression parse(String text, UnaryOperator<String> fieldNames) {
        return text.contains("${") ? parseTemplate(text, fieldNames) : parseExpression(text, fieldNames);
    }

    /** The fields the expression or template reads, in order of appearance. */
    public static List<String> fieldsOf(String text) {
        List<String> fields = new ArrayList<>();
        parse(text, name -> {
            if (!fields.contains(name)) {
                fields.add(name);
            }
            return name;
        });
        return List.copyOf(fields);
    }

    public static Expression parseExpression(String text) {
        return parseExpression(text, UnaryOperator.identity());
    }

    public static Expression parseExpression(String text, UnaryOperator<String> fieldNames) {
        ExpressionParser parser = new ExpressionParser(text, 0, fieldNames);
        Expression expression = parser.or();
        parser.expect(Kind.END);
        return expression;
    }

    public static Expression parseTemplate(String text) {
        return parseTemplate(text, UnaryOperator.identity());
    }

    public static Expression parseTemplate(String text, UnaryOperator<String> fieldNames) {
        List<Expression> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                flush(literal, parts);
                ExpressionParser parser = new ExpressionParser(text, i + 2, fieldNames);
                if (parser.current.kind() == Kind.RIGHT_BRACE) {
                    throw new ExpressionSyntaxException("empty placeholder", text, i);
                }
                parts.add(parser.or());
                parser.expect(Kind.RIGHT_BRACE);
                i = parser.current.end();
            } else {
                literal.append(text.charAt(i++));
            }
        }
        flush(literal, parts);
        return new Nodes.Template(parts.toArray(Expression[]::new));
    }

    private static void flush(StringBuilder literal, List<Expression> parts) {
        if (literal.length() > 0) {
            parts.add(new Nodes.Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private Expression or() {
        Expression left = and();
        while (current.kind() == Kind.OR) {
            int position = advance().start();
            left = new Nodes.Logical(false, left, and(), position);
        }
        return left;
    }

    private Expression and() {
        Expression left = equality();
        while (current.kind() == Kind.AND) {
            int position = advance().start();
            left = new Nodes.Logical(true, left, equality(), position);
        }
        return left;
    }

    private Expression equality() {
        Expression left = comparison();
        while (current.kind() == Kind.EQUAL || current.kind() == Kind.NOT_EQUAL) {
            Token operator = advance();
            left = new Nodes.Comparison(operator.kind(), left, comparison(), operator.start());
        }
        return left;
    }

    private Expression comparison() {
        Expression left = additive();
        if (!COMPARISONS.contains(current.kind())) {
            return left;
        }
        Token operator = advance();
        Expression comparison = new Nodes.Comparison(operator.kind(), left, additive(), operator.start());
        if (COMPARISONS.contains(current.kind())) {
            throw new ExpressionSyntaxException("comparisons cannot be chained; combine them with '&&'", source, current.start());
        }
        return comparison;
    }

    private Expression additive() {
        Expression left = multiplicative();
        while (current.kind() == Kind.PLUS || current.kind() == Kind.MINUS) {
            Token operator = advance();
            left = new Nodes.Arithmetic(operator.text().charAt(0), left, multiplicative(), operator.start());
        }
        return left;
    }

    private Expression multiplicative() {
        Expression left = unary();
        while (current.kind() == Kind.STAR || current.kind() == Kind.SLASH || current.kind() == Kind.PERCENT) {
            Token operator = advance();
            left = new Nodes.Arithmetic(operator.text().charAt(0), left, unary(), operator.start());
        }
        return left;
    }

    private Expression unary() {
        if (current.kind() == Kind.MINUS) {
            int position = advance().start();
            Expression operand = unary();
            return operand instanceof Nodes.Literal literal && literal.value() instanceof Number
                    ? new Nodes.Literal(Operators.negate(literal.value(), position))
                    : new Nodes.Negate(operand, position);
        }
        if (current.kind() == Kind.NOT) {
            int position = advance().start();
            return new Nodes.Not(unary(), position);
        }
        return primary();
    }

    private Expression primary() {
        Token token = current;
        switch (token.kind()) {
            case NUMBER, STRING -> {
                advance();
                return new Nodes.Literal(token.value());
            }
            case QUOTED_FIELD -> {
                advance();
                return new Nodes.FieldRef(fieldNames.apply(token.text()));
            }
            case IDENTIFIER -> {
                advance();
                return current.kind() == Kind.LEFT_PAREN ? call(token) : keywordOrField(token, fieldNames);
            }
            case LEFT_PAREN -> {
                advance();
                Expression inner = or();
                expect(Kind.RIGHT_PAREN);
                advance();
                return inner;
            }
            default -> throw error("expected a value", token);
        }
    }

    private static Expression keywordOrField(Token name, UnaryOperator<String> fieldNames) {
        return switch (name.text()) {
            case "true" -> new Nodes.Literal(Boolean.TRUE);
            case "false" -> new Nodes.Literal(Boolean.FALSE);
            case "null" -> new Nodes.Literal(null);
            default -> new Nodes.FieldRef(fieldNames.apply(name.text()));
        };
    }

    private Expression call(Token name) {
        BuiltIn function = BuiltIn.named(name.text());
        if (function == null) {
            throw new ExpressionSyntaxException("unknown function '" + name.text() + "' (known: " + BuiltIn.known() + ")",
                    source, name.start());
        }
        advance();
        List<Expression> arguments = new ArrayList<>();
        if (current.kind() != Kind.RIGHT_PAREN) {
            arguments.add(or());
            while (current.kind() == Kind.COMMA) {
                advance();
                arguments.add(or());
            }
        }
        expect(Kind.RIGHT_PAREN);
        advance();
        checkArity(function, arguments.size(), name);
        return new Nodes.Call(function, arguments.toArray(Expression[]::new), name.start());
    }

    private void checkArity(BuiltIn function, int count, Token name) {
        if (count >= function.minArguments && count <= function.maxArguments) {
            return;
        }
        String expected = function.minArguments == function.maxArguments
                ? String.valueOf(function.minArguments)
                : "at least " + function.minArguments;
        throw new ExpressionSyntaxException(function.functionName() + "() takes " + expected + " argument"
                + (function.minArguments == 1 ? "" : "s") + ", got " + count, source, name.start());
    }

    private Token advance() {
        Token previous = current;
        current = lexer.next();
        return previous;
    }

    /** Checks the current token without consuming it, so a template's '}' is not read past. */
    private void expect(Kind kind) {
        if (current.kind() != kind) {
            throw error("expected " + kind.describe(), current);
        }
    }

    private ExpressionSyntaxException error(String problem, Token found) {
        return new ExpressionSyntaxException(problem + " but found " + found.describe(), source, found.start());
    }
}
