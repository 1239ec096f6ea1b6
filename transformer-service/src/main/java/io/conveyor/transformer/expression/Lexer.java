package io.conveyor.transformer.expression;

import io.conveyor.transformer.expression.Token.Kind;
import java.math.BigDecimal;

/**
 * Splits expression text into tokens on demand, so a template can stop reading at the '}' that
 * closes a placeholder. Numbers: integers become Long (BigDecimal beyond the long range), numbers
 * with a fraction or exponent BigDecimal. Strings use single or double quotes with backslash
 * escapes. Identifiers are letters, digits and '_', or any text between backticks.
 */
final class Lexer {

    private final String source;
    private int position;

    Lexer(String source, int start) {
        this.source = source;
        this.position = start;
    }

    Token next() {
        skipWhitespace();
        if (position >= source.length()) {
            return new Token(Kind.END, "", null, position, position);
        }
        char c = source.charAt(position);
        if (isDigit(c) || c == '.' && position + 1 < source.length() && isDigit(source.charAt(position + 1))) {
            return number();
        }
        if (c == '"' || c == '\'') {
            return string(c);
        }
        if (c == '`') {
            return quotedIdentifier();
        }
        if (Character.isLetter(c) || c == '_') {
            return identifier();
        }
        return symbol(c);
    }

    private void skipWhitespace() {
        while (position < source.length() && Character.isWhitespace(source.charAt(position))) {
            position++;
        }
    }

    private Token number() {
        int start = position;
        skipDigits();
        boolean decimal = false;
        if (peek() == '.') {
            decimal = true;
            position++;
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            decimal = true;
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            int exponentStart = position;
            skipDigits();
            if (position == exponentStart) {
                throw error("exponent without digits", position);
            }
        }
        String text = source.substring(start, position);
        return new Token(Kind.NUMBER, text, numberValue(text, decimal), start, position);
    }

    private static Object numberValue(String text, boolean decimal) {
        BigDecimal value = new BigDecimal(text);
        if (!decimal && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return value.longValueExact();
        }
        return value;
    }

    private Token string(char quote) {
        int start = position;
        position++;
        StringBuilder value = new StringBuilder();
        while (position < source.length()) {
            char c = source.charAt(position++);
            if (c == quote) {
                return new Token(Kind.STRING, source.substring(start, position), value.toString(), start, position);
            }
            if (c == '\\') {
                value.append(escaped(position - 1));
            } else {
                value.append(c);
            }
        }
        throw error("unterminated string", start);
    }

    private char escaped(int backslash) {
        if (position >= source.length()) {
            throw error("unterminated string", backslash);
        }
        char c = source.charAt(position++);
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case '\\', '\'', '"' -> c;
            default -> throw error("unknown escape '\\" + c + "'", backslash);
        };
    }

    private Token quotedIdentifier() {
        int start = position;
        int close = source.indexOf('`', start + 1);
        if (close < 0) {
            throw error("unterminated `field name`", start);
        }
        if (close == start + 1) {
            throw error("empty `field name`", start);
        }
        position = close + 1;
        return new Token(Kind.QUOTED_FIELD, source.substring(start + 1, close), null, start, position);
    }

    private Token identifier() {
        int start = position;
        while (position < source.length()
                && (Character.isLetterOrDigit(source.charAt(position)) || source.charAt(position) == '_')) {
            position++;
        }
        return new Token(Kind.IDENTIFIER, source.substring(start, position), null, start, position);
    }

    private Token symbol(char c) {
        int start = position;
        char following = position + 1 < source.length() ? source.charAt(position + 1) : 0;
        Kind two = switch (c) {
            case '=' -> following == '=' ? Kind.EQUAL : null;
            case '!' -> following == '=' ? Kind.NOT_EQUAL : null;
            case '<' -> following == '=' ? Kind.LESS_EQUAL : null;
            case '>' -> following == '=' ? Kind.GREATER_EQUAL : null;
            case '&' -> following == '&' ? Kind.AND : null;
            case '|' -> following == '|' ? Kind.OR : null;
            default -> null;
        };
        if (two != null) {
            position += 2;
            return new Token(two, source.substring(start, position), null, start, position);
        }
        Kind one = switch (c) {
            case '(' -> Kind.LEFT_PAREN;
            case ')' -> Kind.RIGHT_PAREN;
            case ',' -> Kind.COMMA;
            case '}' -> Kind.RIGHT_BRACE;
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            case '*' -> Kind.STAR;
            case '/' -> Kind.SLASH;
            case '%' -> Kind.PERCENT;
            case '<' -> Kind.LESS;
            case '>' -> Kind.GREATER;
            case '!' -> Kind.NOT;
            case '=' -> throw error("unexpected '='; use '==' to compare", start);
            default -> throw error("unexpected character '" + c + "'", start);
        };
        position++;
        return new Token(one, String.valueOf(c), null, start, position);
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    private char peek() {
        return position < source.length() ? source.charAt(position) : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private ExpressionSyntaxException error(String problem, int index) {
        return new ExpressionSyntaxException(problem, source, index);
    }
}
