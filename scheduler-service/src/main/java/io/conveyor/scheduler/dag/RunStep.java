package io.conveyor.scheduler.dag;

import io.conveyor.scheduler.dag.RunOutput.CancelTask;
import io.conveyor.scheduler.dag.RunOutput.DispatchTask;
import io.conveyor.scheduler.dag.RunOutput.RunFinished;
import io.conveyor.scheduler.dag.RunOutput.RunStatusChanged;
import io.conveyor.scheduler.dag.RunOutput.TaskStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The working copy of one transition: the evolving state and the outputs decided so far. Every
 * change of a task goes through {@link #update}, so each status change is reported exactly once.
 */
final class RunStep {

    private final Instant now;
    private RunState state;
    private final List<RunOutput> outputs = new ArrayList<>();
    private final List<DagTask> toDispatch = new ArrayList<>();

    RunStep(RunState state, Instant now) {
        this.state = state;
        this.now = now;
    }

    RunState state() {
        return state;
    }

    Instant now() {
        return now;
    }

    DagTask definition(String taskId) {
        return state.dag().task(taskId);
    }

    void update(TaskState next) {
        TaskState previous = state.task(next.taskId());
        state = state.withTask(next);
        if (previous.status() != next.status()) {
            Optional<String> recorded = next.message().equals(previous.message()) ? Optional.empty() : next.message();
            outputs.add(new TaskStatusChanged(next.taskId(), next.attempt(), previous.status(), next.status(),
                    recorded));
        }
    }

    void startRun() {
        state = state.started(now);
        outputs.add(new RunStatusChanged(RunStatus.QUEUED, RunStatus.RUNNING));
        settle();
    }

    /** Dispatch is deferred to {@link #settle()} so that tasks released together go out by priority. */
    void dispatchNextAttempt(TaskState task) {
        update(task.dispatched(task.attempt() + 1, now));
        toDispatch.add(definition(task.taskId()));
    }

    void cancelAttempt(TaskState task, String reason) {
        outputs.add(new CancelTask(task.taskId(), task.attempt(), reason));
    }

    /** The current attempt failed or timed out: retry after the backoff, or end the task with that status. */
    void endAttempt(TaskState task, TaskStatus terminal, String why) {
        DagTask definition = definition(task.taskId());
        if (definition.mayRetryAfter(task.attempt())) {
            Duration backoff = definition.backoffAfter(task.attempt());
            update(task.retrying(now.plus(backoff), why));
        } else {
            update(task.ended(terminal, why, now));
        }
    }

    /**
     * Releases or skips what the ended tasks allow (a streaming task also while it runs), sends
     * the dispatches and finishes a complete run.
     */
    void settle() {
        for (DagTask definition : state.dag().tasks()) {
            TaskState task = state.task(definition.id());
            if (task.status() == TaskStatus.PENDING) {
                decidePending(definition, task);
            } else if (definition.streamsInput() && !task.status().isTerminal()) {
                stopIfUpstreamEnded(definition, task);
            }
        }
        toDispatch.stream()
                .sorted(Comparator.comparingInt(DagTask::priority).reversed()
                        .thenComparingInt(task -> state.dag().indexOf(task.id())))
                .forEach(task -> outputs.add(new DispatchTask(task.id(), state.task(task.id()).attempt())));
        toDispatch.clear();
        if (state.allTasksTerminal()) {
            finishRun(state.outcome());
        }
    }

    void cancelRun(String reason) {
        for (TaskState task : state.tasksInOrder()) {
            if (task.status().hasLiveAttempt()) {
                cancelAttempt(task, reason);
            }
            if (!task.status().isTerminal()) {
                update(task.ended(TaskStatus.CANCELLED, "run cancelled: " + reason, now));
            }
        }
        finishRun(RunStatus.CANCELLED);
    }

    Transition transition() {
        return new Transition(state, outputs, Optional.empty());
    }

    /** The upstream tasks of a task as they are now. */
    Release.Upstream upstream(DagTask definition) {
        return Release.Upstream.of(definition.dependsOn().stream().map(state::task).toList());
    }

    /** A streaming task whose upstream failed or was skipped never gets all of its input: cancelled and skipped. */
    private void stopIfUpstreamEnded(DagTask definition, TaskState task) {
        var upstream = upstream(definition);
        Release.streaming(upstream).skipCause().ifPresent(cause -> {
            String why = upstream.explain(cause);
            if (task.status().hasLiveAttempt()) {
                cancelAttempt(task, why);
            }
            update(task.skipped(cause, why, now));
        });
    }

    private void decidePending(DagTask definition, TaskState task) {
        var upstream = upstream(definition);
        Release release = Release.decide(definition, upstream);
        if (release == Release.RUN) {
            dispatchNextAttempt(task);
        } else {
            release.skipCause().ifPresent(cause -> update(task.skipped(cause, upstream.explain(cause), now)));
        }
    }

    private void finishRun(RunStatus outcome) {
        state = state.finished(outcome, now);
        outputs.add(new RunFinished(outcome, state.totals(), state.failedTasks()));
    }
}
