package io.conveyor.pipeline.spec.load;

import static io.conveyor.pipeline.spec.load.PipelineProblemsTest.problems;
import static io.conveyor.pipeline.spec.load.Snippets.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.rule.CoercionType;
import io.conveyor.pipeline.spec.rule.RangeBounds;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The filter rule, ranges over dates and timestamps, allowed values in any case and coercion locales. */
class RuleOptionsTest {

    private static List<RuleSpec> rulesOf(String... lines) throws Exception {
        return ((TaskWork.Transform) PipelineLoader.parse(rules(lines), "orders.yaml").tasks().get(0).work()).rules();
    }

    @Test
    void theNewOptionsAreRead() throws Exception {
        assertThat(rulesOf(
                "filter: {drop: \"status == 'TEST'\"}",
                "range: {field: day, min: 2020-01-01, max: \"2026-12-31\"}",
                "range: {field: at, max: 2026-12-06T05:00:00+01:00}",
                "range: {field: n, max: 1e2}",
                "allowed: {field: s, values: [a], ignoreCase: true}",
                "coerce: {field: d, type: date, format: d MMMM yyyy, locale: fr}")).containsExactly(
                new RuleSpec.Filter("status == 'TEST'"),
                new RuleSpec.Range("day", new RangeBounds.Dates(Optional.of(LocalDate.of(2020, 1, 1)),
                        Optional.of(LocalDate.of(2026, 12, 31)))),
                new RuleSpec.Range("at", new RangeBounds.Timestamps(Optional.empty(),
                        Optional.of(Instant.parse("2026-12-06T04:00:00Z")))),
                new RuleSpec.Range("n", Optional.empty(), Optional.of(new BigDecimal("100"))),
                new RuleSpec.Allowed("s", List.of("a"), true),
                new RuleSpec.Coerce("d", CoercionType.Basic.DATE, Optional.of("d MMMM yyyy"), Optional.empty(),
                        Optional.of(Locale.FRENCH)));
    }

    @Test
    void boundsAreShownAsWrittenNotInExponentNotation() throws Exception {
        RuleSpec.Range range = (RuleSpec.Range) rulesOf("range: {field: n, min: 1e2, max: 2.50e3}").get(0);
        assertThat(range.bounds().minText()).contains("100");
        assertThat(range.bounds().maxText()).contains("2500");
        assertThat(problems(rules("range: {field: n, min: 1e3, max: 1e2}"))).containsExactly(
                "orders.yaml:6:42: tasks[0].rules[0].range.max: max 100 is below min 1000");
    }

    @Test
    void aRangeTakesBoundsOfOneKind() {
        assertThat(problems(rules("range: {field: n, min: 1, max: 2026-01-01}"))).containsExactly(
                "orders.yaml:6:40: tasks[0].rules[0].range.max: max is a date but min is a number: give both bounds of the same kind");
        assertThat(problems(rules("range: {field: n, min: yesterday}"))).containsExactly(
                "orders.yaml:6:32: tasks[0].rules[0].range.min: expected a number, an ISO date (2024-05-06) or an ISO "
                        + "timestamp with offset (2024-05-06T07:08:09Z), got 'yesterday'");
    }

    @Test
    void aLocaleMustBeKnownAndComeWithAFormat() {
        assertThat(problems(rules("coerce: {field: d, type: date, format: d MMMM yyyy, locale: qq}"))).containsExactly(
                "orders.yaml:6:69: tasks[0].rules[0].coerce.locale: unknown locale 'qq' (expected a language tag such as en, fr or de-CH)");
        assertThat(problems(rules("coerce: {field: d, type: date, locale: fr}"))).containsExactly(
                "orders.yaml:6:48: tasks[0].rules[0].coerce.locale: locale applies only with a format (ISO-8601 dates have no month or day names)");
        assertThat(problems(rules("coerce: {field: d, type: long, locale: fr}"))).containsExactly(
                "orders.yaml:6:48: tasks[0].rules[0].coerce.locale: locale applies only to date and timestamp");
        assertThat(problems(rules("coerce: {field: d, type: date, format: d MMM yyyy, locale: \"!!\"}"))).hasSize(1)
                .allSatisfy(problem -> assertThat(problem).contains("coerce.locale: invalid locale '!!'"));
    }

    @Test
    void aFilterNeedsItsCondition() {
        assertThat(problems(rules("filter: {keep: \"a == 1\"}"))).containsExactly(
                "orders.yaml:6:17: tasks[0].rules[0].filter.drop: missing required key",
                "orders.yaml:6:18: tasks[0].rules[0].filter.keep: unknown key (expected one of drop)");
    }

    @Test
    void aFieldARuleCreatesMustBeAnAvroName() {
        assertThat(problems(rules("rename: {from: \"Cost Total $\", to: \"Cost Total\"}"))).containsExactly(
                "orders.yaml:6:44: tasks[0].rules[0].rename.to: 'Cost Total' is not an Avro field name "
                        + "(letters, digits and _, not starting with a digit); write 'Cost_Total'");
    }
}
