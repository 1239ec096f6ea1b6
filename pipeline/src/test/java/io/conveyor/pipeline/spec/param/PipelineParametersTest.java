package io.conveyor.pipeline.spec.param;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineParametersTest {

    private static PipelineSpec pipeline() throws Exception {
        return PipelineLoader.parse("""
                name: orders
                parameters: {region: eu}
                tasks:
                  - {id: extract, kind: extract, source: {type: csv, path: "/in/${day}/${input}-$${literal}.csv"}}
                  - {id: more, kind: extract, source: {type: parquet, path: "/in/${day}.parquet"}}
                """, "orders.yaml");
    }

    @Test
    void aPipelineKnowsItsDefaultsAndTheParametersItsFileSourcesReferTo() throws Exception {
        assertThat(PipelineParameters.names(pipeline())).containsExactly("day", "input", "region");
    }

    @Test
    void onlyTheGivenNamesThePipelineDoesNotKnowAreUnknown() throws Exception {
        assertThat(PipelineParameters.unknown(pipeline(), Map.of("day", "1", "inptu", "x", "literal", "y")))
                .containsExactly("inptu", "literal");
    }

    @Test
    void referencesSkipEscapedDollarsAndUnclosedTemplates() {
        assertThat(RunParameters.references("a$${b}/${c}/$d/${e")).containsExactly("c");
    }
}
