package io.conveyor.cli.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DeadLetterSummaryTest {

    @Test
    void theTotalComesFirstThenATablePerDimensionLargestCountFirst() throws Exception {
        DeadLetterSummary summary = DeadLetterSummary.of(new ObjectMapper().readTree("""
                {"pipeline": "orders", "total": 1120,
                 "byState": {"REPLAYED": 20, "OPEN": 1100},
                 "byStage": {"TRANSFORM": 1120},
                 "byTask": {"clean": 1120},
                 "byRule": {"required": 20, "regex": 1100},
                 "byField": {"amount": 20, "customer_email": 1100}}
                """));

        assertThat(summary.render().lines()).containsExactly(
                "Dead letters of orders: 1,120",
                "",
                "STATE     LETTERS",
                "OPEN        1,100",
                "REPLAYED       20",
                "",
                "STAGE      LETTERS",
                "TRANSFORM    1,120",
                "",
                "TASK   LETTERS",
                "clean    1,120",
                "",
                "RULE      LETTERS",
                "regex       1,100",
                "required       20",
                "",
                "FIELD           LETTERS",
                "customer_email    1,100",
                "amount               20");
    }

    @Test
    void noLettersIsTheTotalAlone() throws Exception {
        DeadLetterSummary summary = DeadLetterSummary.of(new ObjectMapper().readTree("""
                {"pipeline": "orders", "total": 0, "byState": {}, "byStage": {}, "byTask": {}, "byRule": {}, "byField": {}}
                """));

        assertThat(summary.render().lines()).containsExactly("Dead letters of orders: 0");
    }

    @Test
    void equalCountsAreOrderedByName() {
        DeadLetterSummary.Breakdown breakdown = new DeadLetterSummary.Breakdown("RULE",
                new java.util.LinkedHashMap<>(java.util.Map.of("b", 5L, "a", 5L, "c", 9L)));

        assertThat(breakdown.counts().keySet()).containsExactly("c", "a", "b");
    }
}
