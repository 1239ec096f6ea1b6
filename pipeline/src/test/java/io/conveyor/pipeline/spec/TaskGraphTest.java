package io.conveyor.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskGraphTest {

    private static Map<String, List<String>> graph(Object... idsAndDependencies) {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (int i = 0; i < idsAndDependencies.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> dependencies = (List<String>) idsAndDependencies[i + 1];
            graph.put((String) idsAndDependencies[i], dependencies);
        }
        return graph;
    }

    @Test
    void dependenciesComeFirstAndIndependentTasksKeepDeclarationOrder() {
        Map<String, List<String>> graph = graph(
                "load", List.of("transform"),
                "report", List.of("load"),
                "transform", List.of("extract-a", "extract-b"),
                "extract-b", List.of(),
                "extract-a", List.of());
        assertThat(TaskGraph.topologicalOrder(graph)).containsExactly("extract-b", "extract-a", "transform", "load", "report");
    }

    @Test
    void findsEachCycleOnce() {
        Map<String, List<String>> graph = graph(
                "a", List.of("b"),
                "b", List.of("c"),
                "c", List.of("a"),
                "d", List.of("d", "a"),
                "e", List.of());
        assertThat(TaskGraph.cycles(graph)).containsExactly(List.of("a", "b", "c", "a"), List.of("d", "d"));
        assertThat(TaskGraph.describe(TaskGraph.cycles(graph).get(0))).isEqualTo("a -> b -> c -> a");
    }

    @Test
    void acyclicGraphWithSharedDependenciesHasNoCycle() {
        assertThat(TaskGraph.cycles(graph("a", List.of(), "b", List.of("a"), "c", List.of("a", "b")))).isEmpty();
    }

    @Test
    void orderRefusesCyclesAndUnknownTasks() {
        assertThatThrownBy(() -> TaskGraph.topologicalOrder(graph("a", List.of("b"), "b", List.of("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dependency cycle: a -> b -> a");
        assertThatThrownBy(() -> TaskGraph.topologicalOrder(graph("a", List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task a depends on unknown task x");
    }
}
