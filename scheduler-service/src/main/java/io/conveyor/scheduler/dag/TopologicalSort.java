package io.conveyor.scheduler.dag;

import io.conveyor.scheduler.dag.InvalidDagException.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Kahn's algorithm over the declared tasks. The ready set is ordered by declaration index, so the
 * result is deterministic and sorting an already sorted list returns it unchanged (a persisted
 * {@link DagDefinition} reads back equal).
 */
final class TopologicalSort {

    private final List<DagTask> declared;
    private final Map<String, Integer> indexById = new HashMap<>();

    private TopologicalSort(List<DagTask> declared) {
        this.declared = declared;
    }

    static List<DagTask> sort(List<DagTask> declared) {
        if (declared.isEmpty()) {
            throw new InvalidDagException(Problem.EMPTY, "", "a DAG needs at least one task");
        }
        var sort = new TopologicalSort(declared);
        sort.indexIds();
        sort.checkDependencies();
        return sort.order();
    }

    private void indexIds() {
        for (int i = 0; i < declared.size(); i++) {
            String id = declared.get(i).id();
            if (indexById.putIfAbsent(id, i) != null) {
                throw new InvalidDagException(Problem.DUPLICATE_TASK, id, "task id '" + id + "' is declared twice");
            }
        }
    }

    private void checkDependencies() {
        for (DagTask task : declared) {
            for (String upstream : task.dependsOn()) {
                if (upstream.equals(task.id())) {
                    throw new InvalidDagException(Problem.CYCLE, task.id(),
                            "task '" + task.id() + "' depends on itself");
                }
                if (!indexById.containsKey(upstream)) {
                    throw new InvalidDagException(Problem.DANGLING_DEPENDENCY, task.id(),
                            "task '" + task.id() + "' depends on unknown task '" + upstream + "'");
                }
            }
        }
    }

    private List<DagTask> order() {
        int[] missingUpstreams = new int[declared.size()];
        List<List<Integer>> downstream = new ArrayList<>();
        declared.forEach(task -> downstream.add(new ArrayList<>()));
        for (int i = 0; i < declared.size(); i++) {
            missingUpstreams[i] = declared.get(i).dependsOn().size();
            for (String upstream : declared.get(i).dependsOn()) {
                downstream.get(indexById.get(upstream)).add(i);
            }
        }
        var ready = new PriorityQueue<Integer>();
        for (int i = 0; i < declared.size(); i++) {
            if (missingUpstreams[i] == 0) {
                ready.add(i);
            }
        }
        List<DagTask> sorted = new ArrayList<>(declared.size());
        while (!ready.isEmpty()) {
            int next = ready.poll();
            sorted.add(declared.get(next));
            for (int child : downstream.get(next)) {
                if (--missingUpstreams[child] == 0) {
                    ready.add(child);
                }
            }
        }
        if (sorted.size() < declared.size()) {
            throw cycleAmong(missingUpstreams);
        }
        return List.copyOf(sorted);
    }

    /**
     * Every task left unsorted still waits for an unsorted upstream, so following such upstreams
     * from any of them must come back to a task already on the path: that loop is the cycle.
     */
    private InvalidDagException cycleAmong(int[] missingUpstreams) {
        List<String> path = new ArrayList<>();
        int current = firstUnsorted(missingUpstreams);
        while (!path.contains(declared.get(current).id())) {
            path.add(declared.get(current).id());
            current = unsortedUpstream(declared.get(current), missingUpstreams);
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(declared.get(current).id()), path.size()));
        Collections.reverse(cycle);
        cycle.add(cycle.get(0));
        return new InvalidDagException(Problem.CYCLE, cycle.get(0),
                "dependency cycle " + String.join(" -> ", cycle));
    }

    private static int firstUnsorted(int[] missingUpstreams) {
        int i = 0;
        while (missingUpstreams[i] == 0) {
            i++;
        }
        return i;
    }

    private int unsortedUpstream(DagTask task, int[] missingUpstreams) {
        return task.dependsOn().stream()
                .map(indexById::get)
                .filter(index -> missingUpstreams[index] > 0)
                .findFirst()
                .orElseThrow();
    }
}
