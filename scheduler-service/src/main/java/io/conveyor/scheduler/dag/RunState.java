package io.conveyor.scheduler.dag;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the tracker knows about one run. The run carries the task graph of the pipeline
 * version it pinned, so a stored state is all that {@link RunMachine} needs to process an input.
 *
 * @param tasks one state per task of {@code dag}, by task id
 */
public record RunState(
        String runId,
        String pipeline,
        int pipelineVersion,
        Map<String, String> parameters,
        int priority,
        Instant createdAt,
        DagDefinition dag,
        RunStatus status,
        Map<String, TaskState> tasks,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt) {

    public RunState {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pipeline, "pipeline of run " + runId);
        parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters of run " + runId));
        Objects.requireNonNull(createdAt, "createdAt of run " + runId);
        Objects.requireNonNull(dag, "dag of run " + runId);
        Objects.requireNonNull(status, "status of run " + runId);
        tasks = Map.copyOf(Objects.requireNonNull(tasks, "tasks of run " + runId));
        Objects.requireNonNull(startedAt, "startedAt of run " + runId);
        Objects.requireNonNull(finishedAt, "finishedAt of run " + runId);
        if (!tasks.keySet().equals(Set.copyOf(dag.topologicalOrder()))) {
            throw new IllegalArgumentException("run " + runId + " has task states " + tasks.keySet()
                    + " but its DAG has tasks " + dag.topologicalOrder());
        }
    }

    /** A new run waiting for admission, every task pending. */
    public static RunState queued(String runId, String pipeline, int pipelineVersion, Map<String, String> parameters,
            int priority, Instant createdAt, DagDefinition dag) {
        Map<String, TaskState> tasks = dag.topologicalOrder().stream()
                .collect(Collectors.toMap(Function.identity(), TaskState::pending));
        return new RunState(runId, pipeline, pipelineVersion, parameters, priority, createdAt, dag, RunStatus.QUEUED,
                tasks, Optional.empty(), Optional.empty());
    }

    /** The state of a task of this run; {@link IllegalArgumentException} for a task not in the DAG. */
    public TaskState task(String taskId) {
        TaskState task = tasks.get(taskId);
        if (task == null) {
            throw new IllegalArgumentException("run " + runId + " has no task '" + taskId + "'");
        }
        return task;
    }

    /** Task states in topological order. */
    public List<TaskState> tasksInOrder() {
        return dag.topologicalOrder().stream().map(tasks::get).toList();
    }

    public boolean allTasksTerminal() {
        return tasks.values().stream().allMatch(task -> task.status().isTerminal());
    }

    /**
     * The run's record counts: records read by the root tasks, written by the leaf tasks, and
     * rejected or dropped anywhere. Summing in/out over every task would count a record once per
     * stage. In a chain of tasks (each reading what the one before wrote) the tasks' identities add
     * up to the run's: in = out + rejected + dropped.
     */
    public RecordCounts totals() {
        long in = dag.roots().stream().mapToLong(id -> tasks.get(id).counts().recordsIn()).sum();
        long out = dag.leaves().stream().mapToLong(id -> tasks.get(id).counts().recordsOut()).sum();
        long rejected = tasks.values().stream().mapToLong(task -> task.counts().recordsRejected()).sum();
        long dropped = tasks.values().stream().mapToLong(task -> task.counts().recordsDropped()).sum();
        return new RecordCounts(in, out, rejected, dropped);
    }

    /** Tasks that ended {@link TaskStatus#FAILED} or {@link TaskStatus#TIMED_OUT}, in topological order. */
    public List<String> failedTasks() {
        return tasksInOrder().stream()
                .filter(task -> task.status() == TaskStatus.FAILED || task.status() == TaskStatus.TIMED_OUT)
                .map(TaskState::taskId)
                .toList();
    }

    /**
     * The outcome the tasks add up to once all of them ended. As in Airflow the leaf tasks decide:
     * a failure that a downstream task handled (one_failed, all_done) does not fail the run.
     */
    RunStatus outcome() {
        boolean leafFailed = dag.leaves().stream().anyMatch(id -> tasks.get(id).isFailure());
        if (leafFailed) {
            return RunStatus.FAILED;
        }
        boolean rejected = tasks.values().stream().anyMatch(task -> task.counts().recordsRejected() > 0);
        return rejected ? RunStatus.SUCCEEDED_WITH_REJECTS : RunStatus.SUCCEEDED;
    }

    RunState withTask(TaskState task) {
        var next = new HashMap<>(tasks);
        next.put(task.taskId(), task);
        return new RunState(runId, pipeline, pipelineVersion, parameters, priority, createdAt, dag, status, next,
                startedAt, finishedAt);
    }

    RunState started(Instant now) {
        return new RunState(runId, pipeline, pipelineVersion, parameters, priority, createdAt, dag, RunStatus.RUNNING,
                tasks, Optional.of(now), finishedAt);
    }

    RunState finished(RunStatus outcome, Instant now) {
        return new RunState(runId, pipeline, pipelineVersion, parameters, priority, createdAt, dag, outcome, tasks,
                startedAt, Optional.of(now));
    }
}
