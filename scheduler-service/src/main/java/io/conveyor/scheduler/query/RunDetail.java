package io.conveyor.scheduler.query;

import io.conveyor.scheduler.dag.TaskState;
import io.conveyor.scheduler.tracker.PartitionProgress;
import io.conveyor.scheduler.tracker.TrackedRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A run with its tasks (topological order): status, attempt, counts, timings, and partition progress. */
public record RunDetail(RunSummary run, Map<String, String> parameters, List<String> failedTasks, List<TaskView> tasks) {

    /** @param partitions the PARTITION_DONE reports of the task's current attempt, if any arrived */
    public record TaskView(TaskState task, Optional<PartitionProgress> partitions) {
    }

    public static RunDetail of(TrackedRun run) {
        List<TaskView> tasks = run.state().tasksInOrder().stream()
                .map(task -> new TaskView(task, Optional.ofNullable(run.partitions().get(task.taskId()))
                        .filter(progress -> progress.attempt() == task.attempt())))
                .toList();
        return new RunDetail(RunSummary.of(run), run.state().parameters(), run.state().failedTasks(), tasks);
    }
}
