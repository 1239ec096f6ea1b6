package io.conveyor.transformer.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.transformer.row.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    private static Row row() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("first", "Ada");
        fields.put("last", "Lovelace");
        fields.put("middle", null);
        fields.put("qty", 3);
        fields.put("big", 9_000_000_000L);
        fields.put("price", new BigDecimal("2.50"));
        fields.put("ratio", 0.5);
        fields.put("active", true);
        fields.put("day", LocalDate.of(2024, 3, 1));
        fields.put("order id", "A-1");
        fields.put("text", "7");
        return Row.of(fields);
    }

    private static Object eval(String expression) {
        return ExpressionParser.parse(expression).evaluate(row());
    }

    @Nested
    class Precedence {
        @Test
        void multiplicationBindsTighterThanAddition() {
            assertThat(eval("1 + 2 * 3")).isEqualTo(7L);
            assertThat(eval("(1 + 2) * 3")).isEqualTo(9L);
            assertThat(eval("10 - 4 - 3")).isEqualTo(3L);
            assertThat(eval("2 * 3 % 4")).isEqualTo(2L);
        }

        @Test
        void unaryMinusBindsTighterThanBinaryOperators() {
            assertThat(eval("-qty * 2")).isEqualTo(-6L);
            assertThat(eval("- -qty")).isEqualTo(3L);
            assertThat(eval("1 - -1")).isEqualTo(2L);
        }

        @Test
        void comparisonBindsTighterThanLogicalOperatorsAndAndTighterThanOr() {
            assertThat(eval("qty > 2 && qty < 4")).isEqualTo(true);
            assertThat(eval("true || false && false")).isEqualTo(true);
            assertThat(eval("(true || false) && false")).isEqualTo(false);
            assertThat(eval("qty + 1 == 4")).isEqualTo(true);
            assertThat(eval("!active || qty == 3")).isEqualTo(true);
        }
    }

    @Nested
    class Values {
        @Test
        void arithmeticKeepsTheWidestNumberType() {
            assertThat(eval("qty * big")).isEqualTo(27_000_000_000L);
            assertThat(eval("price * qty")).isEqualTo(new BigDecimal("7.50"));
            assertThat(eval("price * 1.1")).isEqualTo(new BigDecimal("2.750"));
            assertThat(eval("ratio + qty")).isEqualTo(3.5);
            assertThat(eval("0.1 + 0.2")).isEqualTo(new BigDecimal("0.3"));
        }

        @Test
        void divisionNeverTruncates() {
            assertThat(eval("7 / 2")).isEqualTo(3.5);
            assertThat(eval("price / 2")).isEqualTo(new BigDecimal("1.25"));
            assertThat(eval("7 % 2")).isEqualTo(1L);
        }

        @Test
        void plusConcatenatesTextAndNullPropagates() {
            assertThat(eval("first + ' ' + last")).isEqualTo("Ada Lovelace");
            assertThat(eval("'n=' + qty")).isEqualTo("n=3");
            assertThat(eval("first + middle")).isNull();
            assertThat(eval("qty + middle")).isNull();
        }

        @Test
        void functions() {
            assertThat(eval("upper(first)")).isEqualTo("ADA");
            assertThat(eval("LOWER(last)")).isEqualTo("lovelace");
            assertThat(eval("concat(first, middle, '-', qty)")).isEqualTo("Ada-3");
            assertThat(eval("coalesce(middle, missing, first)")).isEqualTo("Ada");
            assertThat(eval("coalesce(middle)")).isNull();
            assertThat(eval("upper(middle)")).isNull();
            assertThat(eval("if(qty > 2, 'many', 'few')")).isEqualTo("many");
            assertThat(eval("if(middle, 'yes', 'no')")).isEqualTo("no");
            assertThat(eval("if(active, 1, 1 / 0)")).isEqualTo(1L);
        }

        @Test
        void comparisons() {
            assertThat(eval("price == 2.5")).isEqualTo(true);
            assertThat(eval("qty == 3.0")).isEqualTo(true);
            assertThat(eval("first != 'Ada'")).isEqualTo(false);
            assertThat(eval("middle == null")).isEqualTo(true);
            assertThat(eval("middle > 1")).isEqualTo(false);
            assertThat(eval("'a' < 'b'")).isEqualTo(true);
            assertThat(eval("big >= 9000000000")).isEqualTo(true);
        }

        @Test
        void literalsAndQuotedFieldNames() {
            assertThat(eval("`order id`")).isEqualTo("A-1");
            assertThat(eval("'it\\'s' + \" \\\"ok\\\"\"")).isEqualTo("it's \"ok\"");
            assertThat(eval("1.5e2")).isEqualTo(new BigDecimal("1.5e2"));
            assertThat(eval("99999999999999999999")).isEqualTo(new BigDecimal("99999999999999999999"));
            assertThat(eval("null")).isNull();
            assertThat(eval("missing")).isNull();
        }
    }

    @Nested
    class Templates {
        @Test
        void fillsPlaceholdersWithExpressions() {
            assertThat(eval("${first} ${last}")).isEqualTo("Ada Lovelace");
            assertThat(eval("${upper(last)}, ${first} (${qty * 2})")).isEqualTo("LOVELACE, Ada (6)");
            assertThat(eval("total: ${price * qty} EUR")).isEqualTo("total: 7.50 EUR");
        }

        @Test
        void rendersNullAsEmptyAndKeepsBracesInsideStrings() {
            assertThat(eval("${first}${middle}!")).isEqualTo("Ada!");
            assertThat(eval("${coalesce(middle, '}')} it's")).isEqualTo("} it's");
            assertThat(eval("cost $${x} = ${qty}")).isEqualTo("cost ${x} = 3");
        }
    }

    @Nested
    class SyntaxErrors {
        @Test
        void reportsTheExpectedTokenAndItsPosition() {
            assertThatThrownBy(() -> ExpressionParser.parse("a + (b * c"))
                    .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> assertThat(e.position()).isEqualTo(11))
                    .hasMessage("expected ')' but found end of expression at position 11 in 'a + (b * c'");
            assertThatThrownBy(() -> ExpressionParser.parse("a + * b"))
                    .hasMessage("expected a value but found '*' at position 5 in 'a + * b'");
            assertThatThrownBy(() -> ExpressionParser.parse("a b"))
                    .hasMessage("expected end of expression but found 'b' at position 3 in 'a b'");
        }

        @Test
        void reportsLexicalErrors() {
            assertThatThrownBy(() -> ExpressionParser.parse("first + 'abc"))
                    .hasMessage("unterminated string at position 9 in 'first + 'abc'");
            assertThatThrownBy(() -> ExpressionParser.parse("a = 1"))
                    .hasMessage("unexpected '='; use '==' to compare at position 3 in 'a = 1'");
            assertThatThrownBy(() -> ExpressionParser.parse("a # b"))
                    .hasMessage("unexpected character '#' at position 3 in 'a # b'");
            assertThatThrownBy(() -> ExpressionParser.parse("1e+"))
                    .hasMessage("exponent without digits at position 4 in '1e+'");
        }

        @Test
        void reportsUnknownFunctionsAndWrongArgumentCounts() {
            assertThatThrownBy(() -> ExpressionParser.parse("1 + trim(a)"))
                    .hasMessage("unknown function 'trim' (known: upper, lower, concat, coalesce, if) at position 5 in '1 + trim(a)'");
            assertThatThrownBy(() -> ExpressionParser.parse("if(a, b)"))
                    .hasMessage("if() takes 3 arguments, got 2 at position 1 in 'if(a, b)'");
            assertThatThrownBy(() -> ExpressionParser.parse("x + upper()"))
                    .hasMessage("upper() takes 1 argument, got 0 at position 5 in 'x + upper()'");
            assertThatThrownBy(() -> ExpressionParser.parse("concat()"))
                    .hasMessageStartingWith("concat() takes at least 1 argument, got 0");
        }

        @Test
        void refusesChainedComparisons() {
            assertThatThrownBy(() -> ExpressionParser.parse("1 < qty < 5"))
                    .hasMessage("comparisons cannot be chained; combine them with '&&' at position 9 in '1 < qty < 5'");
        }

        @Test
        void reportsTemplateErrorsAtTheirPositionInTheWholeTemplate() {
            assertThatThrownBy(() -> ExpressionParser.parse("Hi ${first"))
                    .hasMessage("expected '}' but found end of expression at position 11 in 'Hi ${first'");
            assertThatThrownBy(() -> ExpressionParser.parse("Hi ${} there"))
                    .hasMessage("empty placeholder at position 4 in 'Hi ${} there'");
            assertThatThrownBy(() -> ExpressionParser.parse("${a} and ${b +}"))
                    .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> assertThat(e.position()).isEqualTo(15));
        }
    }

    @Nested
    class EvaluationErrors {
        @Test
        void refusesArithmeticAndComparisonOnText() {
            assertThatThrownBy(() -> eval("text * 2"))
                    .isInstanceOf(EvaluationException.class)
                    .hasMessage("operator '*' needs numbers, got \"7\"; coerce the field first (at position 6)");
            assertThatThrownBy(() -> eval("text == 7"))
                    .hasMessage("cannot compare \"7\" with 7 (Long); coerce the field first (at position 6)");
            assertThatThrownBy(() -> eval("day < 'x'")).hasMessageContaining("cannot compare");
        }

        @Test
        void refusesDivisionByZeroOverflowAndNonBooleanConditions() {
            assertThatThrownBy(() -> eval("qty / 0")).hasMessage("division by zero (at position 5)");
            assertThatThrownBy(() -> eval("price % 0")).hasMessageContaining("division by zero");
            assertThatThrownBy(() -> eval("big * big")).hasMessage("long overflow in '*' (at position 5)");
            assertThatThrownBy(() -> eval("if(qty, 1, 2)")).hasMessage("expected a condition (true/false), got 3 (Integer) (at position 1)");
        }
    }
}
