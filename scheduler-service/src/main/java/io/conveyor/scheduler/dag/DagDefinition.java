package io.conveyor.scheduler.dag;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The validated task graph of one pipeline version. Construction rejects empty graphs, duplicate
 * ids, dependencies on unknown tasks and cycles with an {@link InvalidDagException}, and puts the
 * tasks into topological order (ties keep the declared order), so that {@link #tasks()} is the
 * deterministic order in which the run tracker evaluates and dispatches them.
 */
public record DagDefinition(List<DagTask> tasks) {

    public DagDefinition {
        tasks = TopologicalSort.sort(List.copyOf(Objects.requireNonNull(tasks, "tasks")));
    }

    public List<String> topologicalOrder() {
        return tasks.stream().map(DagTask::id).toList();
    }

    public boolean contains(String taskId) {
        return indexOf(taskId) >= 0;
    }

    /** The task with that id; {@link IllegalArgumentException} if there is none. */
    public DagTask task(String taskId) {
        int index = indexOf(taskId);
        if (index < 0) {
            throw new IllegalArgumentException("no task '" + taskId + "' in the DAG " + topologicalOrder());
        }
        return tasks.get(index);
    }

    /** Position of the task in {@link #topologicalOrder()}, or -1 if it is not in the graph. */
    public int indexOf(String taskId) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).id().equals(taskId)) {
                return i;
            }
        }
        return -1;
    }

    /** The tasks that depend on the given one, in topological order. */
    public List<String> downstream(String taskId) {
        return tasks.stream()
                .filter(task -> task.dependsOn().contains(taskId))
                .map(DagTask::id)
                .toList();
    }

    /** Tasks without upstream tasks: where records enter a run. */
    public List<String> roots() {
        return tasks.stream().filter(task -> task.dependsOn().isEmpty()).map(DagTask::id).toList();
    }

    /** Tasks nothing depends on: they decide the run's outcome. */
    public List<String> leaves() {
        var upstreams = tasks.stream()
                .flatMap(task -> task.dependsOn().stream())
                .collect(Collectors.toSet());
        return tasks.stream().map(DagTask::id).filter(id -> !upstreams.contains(id)).toList();
    }
}
