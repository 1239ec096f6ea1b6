package io.conveyor.scheduler.dag;

import io.conveyor.scheduler.dag.RunInput.TaskFailed;
import io.conveyor.scheduler.dag.RunInput.TaskProgress;
import io.conveyor.scheduler.dag.RunInput.TaskReport;
import io.conveyor.scheduler.dag.RunInput.TaskStarted;
import io.conveyor.scheduler.dag.RunInput.TaskSucceeded;
import io.conveyor.scheduler.dag.Transition.Reason;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Applies the reports of executing services to the attempt they are about. */
final class TaskReports {

    private TaskReports() {
    }

    static Transition apply(RunState state, TaskReport report, Instant now) {
        Optional<Transition> ignored = checkAttempt(state, report);
        if (ignored.isPresent()) {
            return ignored.get();
        }
        TaskState task = state.task(report.taskId());
        var step = new RunStep(state, now);
        if (report instanceof TaskStarted || report instanceof TaskProgress) {
            RecordCounts counts = report instanceof TaskProgress progress ? progress.counts() : RecordCounts.ZERO;
            TaskState next = task.running(counts, now);
            if (next.equals(task)) {
                return Transition.ignored(state, Reason.DUPLICATE,
                        "attempt " + report.attempt() + " of task '" + task.taskId() + "' reported nothing new");
            }
            step.update(next);
        } else if (report instanceof TaskSucceeded succeeded) {
            succeed(step, task, succeeded.counts());
        } else if (report instanceof TaskFailed failed) {
            step.endAttempt(task, TaskStatus.FAILED, "attempt " + task.attempt() + " failed: " + failed.message());
        } else {
            throw new IllegalArgumentException("unsupported task report " + report);
        }
        step.settle();
        return step.transition();
    }

    private static Optional<Transition> checkAttempt(RunState state, TaskReport report) {
        String taskId = report.taskId();
        if (!state.tasks().containsKey(taskId)) {
            return Optional.of(Transition.ignored(state, Reason.UNKNOWN_TASK,
                    "run " + state.runId() + " has no task '" + taskId + "'"));
        }
        TaskState task = state.task(taskId);
        String about = "attempt " + report.attempt() + " of task '" + taskId + "'";
        if (report.attempt() < task.attempt()) {
            return Optional.of(Transition.ignored(state, Reason.STALE_ATTEMPT,
                    about + " is older than the current attempt " + task.attempt()));
        }
        if (report.attempt() > task.attempt() || task.status() == TaskStatus.PENDING) {
            return Optional.of(Transition.ignored(state, Reason.UNDISPATCHED_ATTEMPT,
                    about + " was never dispatched; the task is " + task.status() + " at attempt " + task.attempt()));
        }
        if (!task.status().hasLiveAttempt()) {
            return Optional.of(Transition.ignored(state, Reason.ATTEMPT_ENDED,
                    about + " already ended; the task is " + task.status()));
        }
        return Optional.empty();
    }

    /**
     * The reject threshold is checked on the final counts, which for a task with several input
     * partitions are the totals over all of them: workers only report counts, so one partition over
     * the rate does not fail a task whose total is under it. Such a failure is final: a rerun over
     * the same input rejects the same records.
     */
    private static void succeed(RunStep step, TaskState task, RecordCounts counts) {
        DagTask definition = step.definition(task.taskId());
        double threshold = definition.rejectThreshold();
        TaskState reported = task.withCounts(counts);
        if (definition.streamsInput() && !step.upstream(definition).allSucceeded()) {
            // END markers travel in the transactions that report the upstream's success, so this cannot
            // happen with Conveyor's services; a report that claims it anyway is not believed.
            step.endAttempt(reported, TaskStatus.FAILED, "attempt " + task.attempt()
                    + " reported success before all of its upstream tasks succeeded");
        } else if (counts.rejectRate() > threshold) {
            String why = String.format(Locale.ROOT,
                    "attempt %d rejected %d of %d records in total (rate %.4f), above the threshold %.4f",
                    task.attempt(), counts.recordsRejected(), counts.recordsIn(), counts.rejectRate(), threshold);
            step.update(reported.ended(TaskStatus.FAILED, why, step.now()));
        } else {
            step.update(reported.succeeded(step.now()));
        }
    }
}
