package io.conveyor.pipeline.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.pipeline.spec.TaskKind;
import org.junit.jupiter.api.Test;

class ExecutedKindsTest {

    private static final String SQL_TASK = """
            name: report
            tasks:
              - {id: a, kind: extract, source: {type: csv, path: in.csv}}
              - {id: refresh, kind: sql, sql: select 1, dependsOn: [a]}
            """;

    @Test
    void aDeploymentRefusesATaskOfAKindNoServiceExecutesAtItsKind() {
        assertThatThrownBy(() -> PipelineLoader.parse(SQL_TASK, "report.yaml", TaskKind.EXECUTED))
                .isInstanceOfSatisfying(PipelineValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString).containsExactly("report.yaml:4:25: tasks[1].kind: no service executes"
                                + " tasks of kind sql (executed kinds: extract, transform, load)"));
    }

    @Test
    void readingAStoredDefinitionStillAcceptsEveryKindTheFormatKnows() throws Exception {
        assertThat(PipelineLoader.parse(SQL_TASK, "report.yaml").tasks()).hasSize(2);
    }

    @Test
    void everyExecutedKindIsAcceptedForADeployment() throws Exception {
        assertThat(PipelineLoader.parse("""
                name: flow
                tasks:
                  - {id: a, kind: extract, source: {type: csv, path: in.csv}}
                  - {id: b, kind: transform, dependsOn: [a]}
                  - {id: c, kind: load, dependsOn: [b], sink: {type: file, path: out.csv}}
                """, "flow.yaml", TaskKind.EXECUTED).tasks()).hasSize(3);
    }
}
