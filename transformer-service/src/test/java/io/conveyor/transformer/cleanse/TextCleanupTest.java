package io.conveyor.transformer.cleanse;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.FieldRule;
import io.conveyor.transformer.rules.Fields;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextCleanupTest {

    private static final TransformContext CONTEXT = new TransformContext("p", "run-1", "t");

    @Test
    void trimsAndChangesCase() {
        assertThat(TextCleanup.TRIM.apply("  a b \t")).isEqualTo("a b");
        assertThat(TextCleanup.UPPER_CASE.apply("straße")).isEqualTo("STRASSE");
        assertThat(TextCleanup.LOWER_CASE.apply("ÄBC")).isEqualTo("äbc");
        assertThat(TextCleanup.LOWER_CASE.apply("TITLE")).isEqualTo("title");
    }

    @Test
    void collapsesInnerWhitespaceRuns() {
        assertThat(TextCleanup.COLLAPSE_WHITESPACE.apply("  New \t York\n\nCity ")).isEqualTo("New York City");
        String clean = "already clean";
        assertThat(TextCleanup.COLLAPSE_WHITESPACE.apply(clean)).isSameAs(clean);
    }

    @Test
    void leavesNonTextValuesAlone() {
        assertThat(TextCleanup.TRIM.apply(42)).isEqualTo(42);
    }

    @Test
    void nullTokensBecomeNullWithDefaults() {
        Row row = Row.of(Map.of("a", "N/A", "b", "  ", "c", "NULL", "d", "n/a", "e", "value"));

        Verdict verdict = new FieldRule(Fields.all(), NullTokens.defaults()).apply(row, CONTEXT);

        assertThat(verdict).isSameAs(Verdict.KEEP);
        Map<String, Object> expected = new HashMap<>();
        expected.put("a", null);
        expected.put("b", null);
        expected.put("c", null);
        expected.put("d", "n/a");
        expected.put("e", "value");
        assertThat(row.asMap()).isEqualTo(expected);
    }

    @Test
    void nullTokensAreConfigurable() {
        NullTokens tokens = new NullTokens(List.of("-", "?"));
        assertThat(tokens.apply(" - ")).isNull();
        assertThat(tokens.apply("N/A")).isEqualTo("N/A");
    }

    @Test
    void defaultsFillAbsentAndNullFieldsOnly() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("country", null);
        fields.put("currency", "USD");
        Row row = Row.of(fields);

        new DefaultValueRule(Map.of("country", "DE", "currency", "EUR", "channel", "web")).apply(row, CONTEXT);

        assertThat(row.asMap()).containsEntry("country", "DE").containsEntry("currency", "USD").containsEntry("channel", "web");
    }
}
