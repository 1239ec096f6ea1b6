package io.conveyor.pipeline.spec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dependency graphs of tasks, given as task id to the ids it depends on, in declaration order.
 * Results are deterministic: ties are broken by declaration order.
 */
public final class TaskGraph {

    private TaskGraph() {
    }

    /**
     * Every task after all of its dependencies.
     *
     * @throws IllegalArgumentException if a dependency is unknown or the graph has a cycle
     */
    public static List<String> topologicalOrder(Map<String, List<String>> dependencies) {
        Map<String, Integer> waitingOn = new LinkedHashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        dependencies.forEach((task, upstream) -> {
            waitingOn.put(task, upstream.size());
            for (String dependency : upstream) {
                if (!dependencies.containsKey(dependency)) {
                    throw new IllegalArgumentException("task " + task + " depends on unknown task " + dependency);
                }
                dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(task);
            }
        });
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        waitingOn.forEach((task, count) -> {
            if (count == 0) {
                ready.add(task);
            }
        });
        while (!ready.isEmpty()) {
            String task = ready.poll();
            order.add(task);
            for (String dependent : dependents.getOrDefault(task, List.of())) {
                if (waitingOn.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (order.size() < dependencies.size()) {
            throw new IllegalArgumentException("dependency cycle: " + describe(cycles(dependencies).get(0)));
        }
        return order;
    }

    /**
     * Dependency cycles, each as the path {@code a, b, ..., a} where every task depends on the next.
     * Each cycle is reported once; dependencies on unknown tasks are ignored.
     */
    public static List<List<String>> cycles(Map<String, List<String>> dependencies) {
        CycleSearch search = new CycleSearch(dependencies);
        dependencies.keySet().forEach(search::visit);
        return search.cycles;
    }

    /** A cycle as {@code a -> b -> a}. */
    public static String describe(List<String> cycle) {
        return String.join(" -> ", cycle);
    }

    private static final class CycleSearch {

        private final Map<String, List<String>> dependencies;
        private final Set<String> finished = new HashSet<>();
        private final List<String> path = new ArrayList<>();
        private final Set<Set<String>> seen = new HashSet<>();
        private final List<List<String>> cycles = new ArrayList<>();

        CycleSearch(Map<String, List<String>> dependencies) {
            this.dependencies = dependencies;
        }

        void visit(String task) {
            if (finished.contains(task) || !dependencies.containsKey(task)) {
                return;
            }
            int onPath = path.indexOf(task);
            if (onPath >= 0) {
                record(onPath, task);
                return;
            }
            path.add(task);
            dependencies.get(task).forEach(this::visit);
            path.remove(path.size() - 1);
            finished.add(task);
        }

        private void record(int start, String task) {
            List<String> cycle = new ArrayList<>(path.subList(start, path.size()));
            if (seen.add(Set.copyOf(cycle))) {
                cycle.add(task);
                cycles.add(List.copyOf(cycle));
            }
        }
    }
}
