package io.conveyor.transformer.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.FieldRule;
import io.conveyor.transformer.rules.InvalidValueException;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationTest {

    private static final TransformContext CONTEXT = new TransformContext("p", "run-1", "t");

    @Test
    void requiredRejectsMissingNullAndBlankFields() {
        RequiredRule required = new RequiredRule(List.of("id", "name"));
        Map<String, Object> fields = new HashMap<>(Map.of("id", "1", "name", "Ann"));
        assertThat(required.apply(Row.of(fields), CONTEXT)).isSameAs(Verdict.KEEP);

        fields.put("name", " ");
        assertThat(required.apply(Row.of(fields), CONTEXT)).isEqualTo(Verdict.reject("name", "required field is blank"));
        fields.put("name", null);
        assertThat(required.apply(Row.of(fields), CONTEXT)).isEqualTo(Verdict.reject("name", "required field is null"));
        fields.remove("id");
        assertThat(required.apply(Row.of(fields), CONTEXT)).isEqualTo(Verdict.reject("id", "required field is missing"));
    }

    @Test
    void regexMustMatchTheWholeValue() throws Exception {
        PatternCheck zip = new PatternCheck("\\d{5}");
        assertThat(zip.apply("10115")).isEqualTo("10115");
        assertThat(zip.apply(10115)).isEqualTo(10115);
        assertThatThrownBy(() -> zip.apply("D-10115"))
                .isInstanceOf(InvalidValueException.class).hasMessage("\"D-10115\" does not match \\d{5}");
        assertThatThrownBy(() -> zip.apply("101156")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void regexRefusesAnInvalidPattern() {
        assertThatThrownBy(() -> new PatternCheck("[a-")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid regex");
    }

    @Test
    void numericRangeIsInclusiveAcrossNumberTypes() throws Exception {
        RangeCheck<BigDecimal> percent = RangeCheck.numbers(BigDecimal.ZERO, new BigDecimal("100"));
        assertThat(percent.apply(0)).isEqualTo(0);
        assertThat(percent.apply(100L)).isEqualTo(100L);
        assertThat(percent.apply(99.5)).isEqualTo(99.5);
        assertThat(percent.apply(new BigDecimal("100.00"))).isEqualTo(new BigDecimal("100.00"));
        assertThatThrownBy(() -> percent.apply(100.01)).hasMessage("100.01 (Double) is greater than the maximum 100");
        assertThatThrownBy(() -> percent.apply(-1)).hasMessage("-1 (Integer) is less than the minimum 0");
        assertThatThrownBy(() -> percent.apply("50")).hasMessage("expected a number (coerce the field first), got \"50\"");
    }

    @Test
    void openEndedRanges() throws Exception {
        assertThat(RangeCheck.numbers(null, BigDecimal.TEN).apply(-1_000_000)).isEqualTo(-1_000_000);
        assertThatThrownBy(() -> RangeCheck.numbers(BigDecimal.ONE, null).apply(0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> RangeCheck.numbers(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RangeCheck.numbers(BigDecimal.TEN, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dateAndTimestampRanges() throws Exception {
        RangeCheck<LocalDate> year2024 = RangeCheck.dates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
        assertThat(year2024.apply(LocalDate.of(2024, 12, 31))).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThatThrownBy(() -> year2024.apply(LocalDate.of(2025, 1, 1)))
                .hasMessageContaining("is greater than the maximum 2024-12-31");
        assertThatThrownBy(() -> year2024.apply("2024-05-01")).hasMessageContaining("expected a date");

        RangeCheck<Instant> notFuture = RangeCheck.timestamps(null, Instant.parse("2030-01-01T00:00:00Z"));
        assertThatThrownBy(() -> notFuture.apply(Instant.parse("2031-01-01T00:00:00Z")))
                .hasMessageContaining("greater than the maximum 2030-01-01T00:00:00Z");
    }

    @Test
    void allowedValuesCompareByStringFormOptionallyIgnoringCase() throws Exception {
        AllowedValues status = new AllowedValues(List.of("NEW", "PAID"), false);
        assertThat(status.apply("PAID")).isEqualTo("PAID");
        assertThatThrownBy(() -> status.apply("paid")).hasMessage("\"paid\" is not one of [NEW, PAID]");

        AllowedValues relaxed = new AllowedValues(List.of("NEW", "PAID"), true);
        assertThat(relaxed.apply("paid")).isEqualTo("paid");

        AllowedValues levels = new AllowedValues(List.of(1, 2, 3), false);
        assertThat(levels.apply(2)).isEqualTo(2);
        assertThatThrownBy(() -> levels.apply(4)).hasMessage("4 (Integer) is not one of [1, 2, 3]");
    }

    @Test
    void lengthCountsCodePoints() throws Exception {
        LengthCheck code = new LengthCheck(2, 3);
        assertThat(code.apply("DE")).isEqualTo("DE");
        assertThat(code.apply("😀😀")).isEqualTo("😀😀");
        assertThat(code.apply(List.of(1, 2, 3))).isEqualTo(List.of(1, 2, 3));
        assertThatThrownBy(() -> code.apply("D")).hasMessage("\"D\" has length 1, less than the minimum 2");
        assertThatThrownBy(() -> code.apply("DEUT")).hasMessage("\"DEUT\" has length 4, more than the maximum 3");
        assertThatThrownBy(() -> code.apply(12)).hasMessageContaining("expected text or a list");
        assertThatThrownBy(() -> new LengthCheck(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldRuleRejectsNamingTheFirstFailingFieldAndSkipsNulls() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("a", null);
        fields.put("b", "toolong");
        Row row = Row.of(fields);

        Verdict verdict = FieldRule.of(new LengthCheck(null, 3), "a", "b").apply(row, CONTEXT);

        assertThat(verdict).isEqualTo(Verdict.reject("b", "\"toolong\" has length 7, more than the maximum 3"));
    }
}
