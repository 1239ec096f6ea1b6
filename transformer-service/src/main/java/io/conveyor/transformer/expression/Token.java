package io.conveyor.transformer.expression;

import java.util.Locale;

/** One lexical token; {@code start} and {@code end} are 0-based indexes into the source. */
record Token(Kind kind, String text, Object value, int start, int end) {

    enum Kind {
        NUMBER, STRING, IDENTIFIER, QUOTED_FIELD,
        LEFT_PAREN("'('"), RIGHT_PAREN("')'"), COMMA("','"), RIGHT_BRACE("'}'"),
        PLUS("'+'"), MINUS("'-'"), STAR("'*'"), SLASH("'/'"), PERCENT("'%'"),
        EQUAL("'=='"), NOT_EQUAL("'!='"), LESS("'<'"), LESS_EQUAL("'<='"), GREATER("'>'"), GREATER_EQUAL("'>='"),
        AND("'&&'"), OR("'||'"), NOT("'!'"),
        END("end of expression");

        private final String description;

        Kind() {
            this.description = null;
        }

        Kind(String description) {
            this.description = description;
        }

        String describe() {
            return description == null ? name().toLowerCase(Locale.ROOT) : description;
        }
    }

    String describe() {
        return switch (kind) {
            case NUMBER, IDENTIFIER -> "'" + text + "'";
            case QUOTED_FIELD -> "`" + text + "`";
            case STRING -> "string " + text;
            default -> kind.describe();
        };
    }
}
