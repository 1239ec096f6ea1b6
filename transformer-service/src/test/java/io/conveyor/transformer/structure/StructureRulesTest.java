package io.conveyor.transformer.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructureRulesTest {

    private static final TransformContext CONTEXT = new TransformContext("p", "run-1", "t");

    private static Row row() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", "1");
        fields.put("fname", "Ann");
        fields.put("tmp", "x");
        return Row.of(fields);
    }

    @Test
    void renameMovesTheValueToTheNewName() {
        Row row = row();

        assertThat(new RenameRule("fname", "first_name").apply(row, CONTEXT)).isSameAs(Verdict.KEEP);

        assertThat(row.has("fname")).isFalse();
        assertThat(row.get("first_name")).isEqualTo("Ann");
        assertThat(row.fieldNames()).containsExactly("id", "tmp", "first_name");
    }

    @Test
    void renameOfAnAbsentFieldChangesNothing() {
        Row row = row();

        new RenameRule("missing", "other").apply(row, CONTEXT);

        assertThat(row).isEqualTo(row());
    }

    @Test
    void renameOverwritesAnExistingTarget() {
        Row row = row();

        new RenameRule("fname", "id").apply(row, CONTEXT);

        assertThat(row.asMap()).containsOnly(Map.entry("id", "Ann"), Map.entry("tmp", "x"));
    }

    @Test
    void renameToItselfIsRefused() {
        assertThatThrownBy(() -> new RenameRule("a", "a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropRemovesFieldsAndIgnoresAbsentOnes() {
        Row row = row();

        new DropRule(List.of("tmp", "nothere")).apply(row, CONTEXT);

        assertThat(row.fieldNames()).containsExactly("id", "fname");
    }
}
