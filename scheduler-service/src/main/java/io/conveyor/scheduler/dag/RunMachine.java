package io.conveyor.scheduler.dag;

import io.conveyor.scheduler.dag.RunInput.CancelRequested;
import io.conveyor.scheduler.dag.RunInput.RunStarted;
import io.conveyor.scheduler.dag.RunInput.TaskReport;
import io.conveyor.scheduler.dag.RunInput.Tick;
import io.conveyor.scheduler.dag.Transition.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state machine of one DAG run: {@code apply(state, input, now)} returns the next state and
 * the outputs to publish. It is a pure function (no clock, no I/O), so a stream processor can
 * keep the state in a store, replay inputs after a crash and reach the same result.
 *
 * <h2>Releasing and skipping (Airflow semantics)</h2>
 * Pending tasks are evaluated in topological order after every change, so a skip cascades
 * through the whole graph within one transition. An upstream task counts as
 * <em>failed</em> if it is FAILED or TIMED_OUT after its last attempt, or SKIPPED with cause
 * {@link SkipCause#UPSTREAM_FAILED} (Airflow's upstream_failed); as <em>skipped</em> if it is
 * SKIPPED for another cause. Tasks without upstream tasks run whatever their rule.
 * <ul>
 * <li>all_success: runs when every upstream succeeded. As soon as one upstream failed it is
 * skipped with cause UPSTREAM_FAILED, as soon as one was skipped with cause UPSTREAM_SKIPPED,
 * without waiting for the other upstream tasks.</li>
 * <li>all_done: runs when every upstream ended, however; never skipped.</li>
 * <li>one_failed: runs as soon as one upstream failed, even while others still run; skipped
 * (NOTHING_FAILED) when all ended without a failure.</li>
 * <li>none_failed: runs when every upstream ended and none failed (skipped ones are fine);
 * skipped with cause UPSTREAM_FAILED as soon as one failed.</li>
 * </ul>
 * Because an UPSTREAM_FAILED skip counts as a failure, it travels down all_success and
 * none_failed chains and can release a one_failed task further down.
 *
 * <h2>Streaming tasks</h2>
 * A task marked {@link DagTask#streamsInput()} (a transform or load reading the data topics of its
 * upstream, see the tracker's {@code PinnedPipeline}) is all_success released early: once every
 * upstream is dispatched rather than succeeded, so the stages of a run overlap. It still completes
 * only when its own input ended (END markers). A retrying upstream leaves it running; an upstream
 * that fails or is skipped cancels its live attempt and skips it with the same cause, cascading.
 * A success it reports before all its upstream tasks succeeded cannot come from Conveyor's services
 * (END markers travel in the transactions that report the upstream's success) and fails the attempt.
 *
 * <h2>Attempts, retries and timeouts</h2>
 * Releasing a task dispatches attempt 1 (READY). A failure report of the current attempt, or a
 * {@link Tick} at or after dispatch time + timeout (READY or RUNNING alike; a timed-out attempt
 * is also cancelled), ends the attempt. If the task has retries left it goes RETRYING and the
 * first Tick at or after {@code retryBackoff * 2^(attempt-1)} (capped at maxRetryBackoff)
 * dispatches the next attempt; a zero backoff therefore waits for the next Tick too. Timeouts are
 * retried like failures; without retries left the task ends FAILED or TIMED_OUT. A success
 * whose reject rate (rejected / in) exceeds the task's threshold ends the task FAILED without
 * retry, since a rerun would reject the same records. For a task with several input partitions
 * the success carries the totals over all partitions (the tracker sums their PARTITION_DONE
 * counts), so the threshold applies to the task as a whole, not to each partition.
 *
 * <h2>Idempotence and ordering</h2>
 * Reports are matched to the task's current attempt. A report for an unknown task, an older or
 * never dispatched attempt, an attempt that already ended, or one that repeats the state, as well
 * as any input to a finished run, returns the same state without outputs and with the reason in
 * {@link Transition#ignored()}. Success or progress may arrive before the start report; a
 * progress report marks the attempt running and counts only grow, so reordered progress reports
 * cannot move counts backwards.
 *
 * <h2>Outcome</h2>
 * When every task ended, the leaf tasks decide (as in Airflow): FAILED if a leaf failed in the
 * sense above, otherwise SUCCEEDED_WITH_REJECTS if any task reported rejected records, otherwise
 * SUCCEEDED. A failure handled by a one_failed or all_done task downstream therefore does not fail
 * the run. A cancel ends every unfinished task CANCELLED (cancelling dispatched attempts) and the
 * run CANCELLED, also while the run is still queued.
 *
 * <h2>Outputs</h2>
 * In the order decided, except that the {@link RunOutput.DispatchTask} outputs of one transition
 * come together, by task priority (higher first) then topological order. Each run status change
 * yields one output: {@link RunOutput.RunStatusChanged} to RUNNING, {@link RunOutput.RunFinished}
 * for the outcome.
 */
public final class RunMachine {

    private RunMachine() {
    }

    public static Transition apply(RunState state, RunInput input, Instant now) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(now, "now");
        if (state.status().isTerminal()) {
            return Transition.ignored(state, Reason.RUN_FINISHED, "run " + state.runId() + " is " + state.status());
        }
        var step = new RunStep(state, now);
        if (input instanceof RunStarted) {
            if (state.status() == RunStatus.RUNNING) {
                return Transition.ignored(state, Reason.DUPLICATE, "run " + state.runId() + " already started");
            }
            step.startRun();
        } else if (input instanceof Tick) {
            if (state.status() == RunStatus.QUEUED) {
                return new Transition(state, List.of(), Optional.empty());
            }
            Deadlines.expire(step);
        } else if (input instanceof CancelRequested cancel) {
            step.cancelRun(cancel.reason());
        } else if (input instanceof TaskReport report) {
            return TaskReports.apply(state, report, now);
        } else {
            throw new IllegalArgumentException("unsupported input " + input);
        }
        return step.transition();
    }
}
