package io.conveyor.pipeline.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.rule.RuleSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RuleNamesTest {

    @Test
    void everyRuleVariantIsReadUnderTheNameItReports() {
        assertThat(Arrays.stream(RuleSpec.class.getPermittedSubclasses())
                .map(type -> Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1)))
                .containsExactlyInAnyOrderElementsOf(RuleReader.names());
        assertThat(new RuleSpec.CollapseSpaces(new io.conveyor.pipeline.spec.rule.FieldSelection.All()).ruleName())
                .isEqualTo("collapseSpaces");
    }
}
