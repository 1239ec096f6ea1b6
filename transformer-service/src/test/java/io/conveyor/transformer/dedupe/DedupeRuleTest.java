package io.conveyor.transformer.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupeRuleTest {

    private static final TransformContext RUN_1 = new TransformContext("p", "run-1", "t");
    private static final TransformContext RUN_2 = new TransformContext("p", "run-2", "t");

    private final SeenKeys seen = new InMemorySeenKeys();

    private static Row order(Object id, String country) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("id", id);
        fields.put("country", country);
        return Row.of(fields);
    }

    @Test
    void keepFirstMarksLaterRecordsWithTheSameKeyAsDuplicates() {
        DedupeRule rule = new DedupeRule(List.of("id", "country"), DedupeMode.KEEP_FIRST, seen);

        assertThat(rule.apply(order("1", "DE"), RUN_1)).isSameAs(Verdict.KEEP);
        assertThat(rule.apply(order("1", "US"), RUN_1)).isSameAs(Verdict.KEEP);
        assertThat(rule.apply(order("1", "DE"), RUN_1)).isEqualTo(Verdict.duplicate("id=1, country=DE"));
    }

    @Test
    void rejectModeRejectsLaterDuplicatesNamingTheKey() {
        DedupeRule rule = new DedupeRule(List.of("id"), DedupeMode.REJECT, seen);

        assertThat(rule.apply(order("7", "DE"), RUN_1)).isSameAs(Verdict.KEEP);
        assertThat(rule.apply(order("7", "FR"), RUN_1))
                .isEqualTo(Verdict.reject("id", "duplicate of an earlier record with key id=7"));
    }

    @Test
    void keepLastPassesEveryRecordForTheUpsertingSink() {
        DedupeRule rule = new DedupeRule(List.of("id"), DedupeMode.KEEP_LAST, seen);

        assertThat(rule.apply(order("7", "DE"), RUN_1)).isSameAs(Verdict.KEEP);
        assertThat(rule.apply(order("7", "FR"), RUN_1)).isSameAs(Verdict.KEEP);
        assertThat(rule.keyFields()).containsExactly("id");
    }

    @Test
    void keysAreScopedToTheRun() {
        DedupeRule rule = new DedupeRule(List.of("id"), DedupeMode.KEEP_FIRST, seen);

        rule.apply(order("7", "DE"), RUN_1);

        assertThat(rule.apply(order("7", "DE"), RUN_2)).isSameAs(Verdict.KEEP);
    }

    @Test
    void valuesCannotImitateTheKeySeparator() {
        DedupeRule rule = new DedupeRule(List.of("id", "country"), DedupeMode.KEEP_FIRST, seen);

        rule.apply(order("1:2", "3"), RUN_1);

        assertThat(rule.apply(order("1", "2:3"), RUN_1)).isSameAs(Verdict.KEEP);
    }

    @Test
    void numericKeysCompareByValue() {
        DedupeRule rule = new DedupeRule(List.of("id"), DedupeMode.KEEP_FIRST, seen);

        rule.apply(order(new BigDecimal("1.0"), "DE"), RUN_1);

        assertThat(rule.apply(order(new BigDecimal("1.00"), "DE"), RUN_1)).isInstanceOf(Verdict.Duplicate.class);
    }

    @Test
    void recordsWithANullKeyFieldAreNeverDuplicates() {
        DedupeRule rule = new DedupeRule(List.of("id"), DedupeMode.REJECT, seen);

        assertThat(rule.apply(order(null, "DE"), RUN_1)).isSameAs(Verdict.KEEP);
        assertThat(rule.apply(order(null, "DE"), RUN_1)).isSameAs(Verdict.KEEP);
    }
}
