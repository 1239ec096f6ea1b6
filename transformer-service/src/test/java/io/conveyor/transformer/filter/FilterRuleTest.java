package io.conveyor.transformer.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.transformer.expression.ExpressionSyntaxException;
import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterRuleTest {

    private final TransformContext context = new TransformContext("orders", "orders@m-1", "clean");
    private final FilterRule testOrders = new FilterRule("status == 'TEST' || amount < 0");

    @Test
    void aRecordTheConditionHoldsForIsDroppedNotRejected() {
        assertThat(testOrders.apply(row("TEST", 5), context)).isEqualTo(Verdict.drop("matches status == 'TEST' || amount < 0"));
        assertThat(testOrders.apply(row("PAID", -1), context)).isInstanceOf(Verdict.Drop.class);
    }

    @Test
    void falseOrNullKeepsTheRecord() {
        assertThat(testOrders.apply(row("PAID", 5), context)).isSameAs(Verdict.KEEP);
        assertThat(new FilterRule("flag").apply(Row.of(mapOf("flag", null)), context)).isSameAs(Verdict.KEEP);
    }

    @Test
    void aConditionThatIsNotTrueOrFalseRejectsTheRecord() {
        assertThat(new FilterRule("amount + 1").apply(row("PAID", 5), context))
                .isEqualTo(Verdict.reject(null, "the filter 'amount + 1' gave 6 (Long), not true or false"))
                .isNotEqualTo(Verdict.KEEP);
        assertThat(new FilterRule("status * 2").apply(row("PAID", 5), context)).isInstanceOf(Verdict.Reject.class);
    }

    @Test
    void aConditionThatDoesNotParseIsRefusedWhenPlanned() {
        assertThatThrownBy(() -> new FilterRule("status ==")).isInstanceOf(ExpressionSyntaxException.class);
    }

    private static Row row(String status, int amount) {
        return Row.of(Map.of("status", status, "amount", amount));
    }

    private static Map<String, Object> mapOf(String key, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, value);
        return map;
    }
}
