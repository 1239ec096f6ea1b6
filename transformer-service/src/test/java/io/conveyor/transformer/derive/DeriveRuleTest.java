package io.conveyor.transformer.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.transformer.expression.ExpressionSyntaxException;
import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeriveRuleTest {

    private static final TransformContext CONTEXT = new TransformContext("p", "run-1", "t");

    @Test
    void setsTheFieldFromATemplate() {
        Row row = Row.of(Map.of("first", "Ada", "last", "Lovelace"));

        assertThat(new DeriveRule("full_name", "${first} ${last}").apply(row, CONTEXT)).isSameAs(Verdict.KEEP);

        assertThat(row.get("full_name")).isEqualTo("Ada Lovelace");
    }

    @Test
    void overwritesAnExistingFieldFromAnExpression() {
        Row row = Row.of(Map.of("qty", 4));

        new DeriveRule("qty", "qty * 2").apply(row, CONTEXT);

        assertThat(row.get("qty")).isEqualTo(8L);
    }

    @Test
    void rejectsRowsTheExpressionCannotEvaluate() {
        Row row = Row.of(Map.of("qty", "four"));

        Verdict verdict = new DeriveRule("total", "qty * 2").apply(row, CONTEXT);

        assertThat(verdict).isEqualTo(Verdict.reject("total",
                "cannot evaluate 'qty * 2': operator '*' needs numbers, got \"four\"; coerce the field first (at position 5)"));
        assertThat(row.has("total")).isFalse();
    }

    @Test
    void refusesAnExpressionThatDoesNotParse() {
        assertThatThrownBy(() -> new DeriveRule("x", "upper(")).isInstanceOf(ExpressionSyntaxException.class);
    }
}
