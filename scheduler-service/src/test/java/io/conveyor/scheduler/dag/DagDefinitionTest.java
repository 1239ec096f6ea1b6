package io.conveyor.scheduler.dag;

import static io.conveyor.scheduler.dag.TaskBuilder.dag;
import static io.conveyor.scheduler.dag.TaskBuilder.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.scheduler.dag.InvalidDagException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagDefinitionTest {

    @Test
    void ordersTasksTopologicallyPreferringTheEarliestDeclaredReadyTask() {
        DagDefinition dag = dag(task("load", "clean", "enrich"), task("enrich", "extract"),
                task("clean", "extract"), task("extract"), task("audit"));

        assertThat(dag.topologicalOrder()).containsExactly("extract", "enrich", "clean", "load", "audit");
    }

    @Test
    void sortedDefinitionReadsBackEqual() {
        DagDefinition dag = dag(task("c", "b"), task("b", "a"), task("a"));

        assertThat(new DagDefinition(dag.tasks())).isEqualTo(dag);
    }

    @Test
    void navigatesTheGraph() {
        DagDefinition dag = dag(task("a"), task("b", "a"), task("c", "a"), task("d", "b", "c"), task("x"));

        assertThat(dag.roots()).containsExactly("a", "x");
        assertThat(dag.leaves()).containsExactly("d", "x");
        assertThat(dag.downstream("a")).containsExactly("b", "c");
        assertThat(dag.indexOf("d")).isEqualTo(3);
        assertThat(dag.contains("zzz")).isFalse();
        assertThatThrownBy(() -> dag.task("zzz")).hasMessageContaining("'zzz'");
    }

    @Test
    void rejectsDependencyOnUnknownTask() {
        assertThatThrownBy(() -> dag(task("a"), task("b", "a", "ghost")))
                .isInstanceOfSatisfying(InvalidDagException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.DANGLING_DEPENDENCY);
                    assertThat(e.taskId()).isEqualTo("b");
                })
                .hasMessage("task 'b' depends on unknown task 'ghost'");
    }

    @Test
    void reportsTheCycleInFlowDirection() {
        assertThatThrownBy(() -> dag(task("start"), task("a", "start", "c"), task("b", "a"), task("c", "b"),
                task("after", "c")))
                .isInstanceOfSatisfying(InvalidDagException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.CYCLE))
                .hasMessage("dependency cycle b -> c -> a -> b");
    }

    @Test
    void rejectsSelfDependency() {
        assertThatThrownBy(() -> dag(task("a", "a")))
                .isInstanceOfSatisfying(InvalidDagException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.CYCLE);
                    assertThat(e.taskId()).isEqualTo("a");
                });
    }

    @Test
    void rejectsDuplicateIdsAndEmptyGraphs() {
        assertThatThrownBy(() -> dag(task("a"), task("a")))
                .isInstanceOfSatisfying(InvalidDagException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.DUPLICATE_TASK));
        assertThatThrownBy(() -> new DagDefinition(List.of()))
                .isInstanceOfSatisfying(InvalidDagException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.EMPTY));
    }
}
