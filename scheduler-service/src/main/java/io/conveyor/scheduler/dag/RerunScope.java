package io.conveyor.scheduler.dag;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which tasks a rerun of a finished run's failed tasks runs again (Airflow's "clear failed tasks
 * and downstream"), and the queued state of that new run, in which every other task stands as it
 * ended in the old run.
 *
 * <p>A task runs again if it failed, timed out, was cancelled or skipped because of an upstream
 * failure; so does everything downstream of it. One more rule comes from Kafka: a transform or
 * load reads the records its upstream tasks wrote for <em>its</em> run, and its consumer group has
 * committed past the old run's records, so a task that runs again needs its data upstream to run
 * again in the new run too - and that upstream's other consumers then run again as well, since the
 * new run's records reach them. What is carried over is therefore never read by a task that runs
 * again, and never reads what one writes.
 *
 * @param previous the finished run this one repeats
 * @param rerun    the tasks that run again, in topological order; empty if nothing failed
 * @param carried  the tasks that keep their old outcome, in topological order
 */
public record RerunScope(RunState previous, List<String> rerun, List<String> carried) {

    public RerunScope {
        rerun = List.copyOf(rerun);
        carried = List.copyOf(carried);
    }

    /**
     * @param previous     the finished run
     * @param dataUpstream for a task, the upstream tasks whose output records it reads (not those
     *                     it only waits for)
     */
    public static RerunScope ofFailedTasks(RunState previous, Function<String, Collection<String>> dataUpstream) {
        if (!previous.status().isTerminal()) {
            throw new IllegalArgumentException("run " + previous.runId() + " is " + previous.status()
                    + "; only a finished run's failed tasks can be rerun");
        }
        DagDefinition dag = previous.dag();
        Set<String> rerun = new HashSet<>();
        var pending = new ArrayDeque<String>();
        previous.tasksInOrder().stream().filter(TaskState::isFailure).map(TaskState::taskId).forEach(pending::add);
        while (!pending.isEmpty()) {
            String task = pending.poll();
            if (rerun.add(task)) {
                pending.addAll(dag.downstream(task));
                pending.addAll(dataUpstream.apply(task));
            }
        }
        Map<Boolean, List<String>> split = dag.topologicalOrder().stream()
                .collect(Collectors.partitioningBy(rerun::contains));
        return new RerunScope(previous, split.get(true), split.get(false));
    }

    public boolean nothingFailed() {
        return rerun.isEmpty();
    }

    /**
     * The new run, queued: the tasks of {@link #rerun()} pending, the others as they ended in
     * {@link #previous()} (status, attempt, counts, timings) with a message naming that run.
     */
    public RunState queued(String runId, Map<String, String> parameters, int priority, Instant createdAt) {
        Map<String, TaskState> tasks = previous.dag().topologicalOrder().stream()
                .collect(Collectors.toMap(Function.identity(), id -> rerun.contains(id)
                        ? TaskState.pending(id) : carriedOver(previous.task(id))));
        return new RunState(runId, previous.pipeline(), previous.pipelineVersion(), parameters, priority, createdAt,
                previous.dag(), RunStatus.QUEUED, tasks, Optional.empty(), Optional.empty());
    }

    private TaskState carriedOver(TaskState ended) {
        String why = ended.status() == TaskStatus.SUCCEEDED
                ? "succeeded in run " + previous.runId() + "; not run again"
                : ended.status().name().toLowerCase() + " in run " + previous.runId() + ended.message().map(m -> ": " + m).orElse("");
        return new TaskState(ended.taskId(), ended.status(), ended.attempt(), ended.counts(), ended.timings(),
                ended.skipCause(), Optional.of(why));
    }
}
