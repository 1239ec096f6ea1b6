package io.conveyor.scheduler.dag;

import static io.conveyor.scheduler.dag.RunDriver.T0;
import static io.conveyor.scheduler.dag.RunDriver.dispatches;
import static io.conveyor.scheduler.dag.RunDriver.outputs;
import static io.conveyor.scheduler.dag.TaskBuilder.dag;
import static io.conveyor.scheduler.dag.TaskBuilder.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.scheduler.dag.RunInput.TaskSucceeded;
import io.conveyor.scheduler.dag.RunOutput.CancelTask;
import io.conveyor.scheduler.dag.RunOutput.DispatchTask;
import io.conveyor.scheduler.dag.RunOutput.RunFinished;
import io.conveyor.scheduler.dag.RunOutput.TaskStatusChanged;
import io.conveyor.scheduler.dag.Transition.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAndTimeoutTest {

    @Test
    void failedAttemptsAreRetriedWithExponentialBackoffUpToTheCap() {
        RunDriver run = RunDriver.started(dag(
                task("load").retries(3, Duration.ofSeconds(10), Duration.ofSeconds(15)), task("report", "load")));

        Transition firstFailure = run.at(seconds(1)).fail("load");
        assertThat(firstFailure.outputs()).containsExactly(new TaskStatusChanged("load", 1, TaskStatus.READY,
                TaskStatus.RETRYING, Optional.of("attempt 1 failed: boom")));
        assertThat(run.task("load").timings().retryAt()).contains(T0.plus(seconds(11)));
        assertThat(run.task("load").message()).contains("attempt 1 failed: boom");

        RunState waiting = run.state();
        Transition early = run.at(Duration.ofMillis(10_999)).tick();
        assertThat(early.next()).isSameAs(waiting);
        assertThat(early.outputs()).isEmpty();
        Transition retry = run.at(seconds(11)).tick();
        assertThat(retry.outputs()).containsExactly(
                new TaskStatusChanged("load", 2, TaskStatus.RETRYING, TaskStatus.READY, Optional.empty()),
                new DispatchTask("load", 2));
        assertThat(run.task("load").message()).contains("attempt 1 failed: boom");

        run.at(seconds(12)).fail("load");
        assertThat(run.task("load").timings().retryAt()).contains(T0.plus(seconds(12 + 15)));
        assertThat(dispatches(run.at(seconds(26)).tick())).isEmpty();
        assertThat(dispatches(run.at(seconds(27)).tick())).containsExactly(new DispatchTask("load", 3));

        run.at(seconds(28)).fail("load");
        assertThat(dispatches(run.at(seconds(60)).tick())).containsExactly(new DispatchTask("load", 4));
        Transition last = run.at(seconds(61)).fail("load");

        assertThat(run.status("load")).isEqualTo(TaskStatus.FAILED);
        assertThat(run.task("load").message()).contains("attempt 4 failed: boom");
        assertThat(run.task("report").skipCause()).contains(SkipCause.UPSTREAM_FAILED);
        assertThat(outputs(last, RunFinished.class))
                .containsExactly(new RunFinished(RunStatus.FAILED, RecordCounts.ZERO, List.of("load")));
    }

    @Test
    void retryThatSucceedsLetsTheRunSucceed() {
        RunDriver run = RunDriver.started(dag(task("load").retries(1, Duration.ZERO, Duration.ZERO)));
        run.fail("load");

        assertThat(dispatches(run.tick())).containsExactly(new DispatchTask("load", 2));
        Transition last = run.succeed("load");

        assertThat(run.task("load").attempt()).isEqualTo(2);
        assertThat(outputs(last, RunFinished.class)).extracting(RunFinished::outcome)
                .containsExactly(RunStatus.SUCCEEDED);
    }

    @Test
    void attemptRunningPastItsTimeoutIsCancelledAndRetried() {
        RunDriver run = RunDriver.started(dag(
                task("extract").timeout(Duration.ofMinutes(5)).retries(1, Duration.ofMinutes(1), Duration.ofMinutes(1))));
        run.at(Duration.ofMinutes(1)).start("extract");

        assertThat(run.at(Duration.ofSeconds(299)).tick().outputs()).isEmpty();
        Transition timedOut = run.at(Duration.ofMinutes(5)).tick();

        assertThat(outputs(timedOut, CancelTask.class))
                .containsExactly(new CancelTask("extract", 1, "attempt 1 timed out after PT5M"));
        assertThat(run.status("extract")).isEqualTo(TaskStatus.RETRYING);
        assertThat(run.task("extract").message()).contains("attempt 1 timed out after PT5M");
        assertThat(dispatches(run.at(Duration.ofMinutes(6)).tick())).containsExactly(new DispatchTask("extract", 2));

        Transition lateFirstAttempt = run.apply(new TaskSucceeded("extract", 1, RecordCounts.ZERO));
        assertThat(lateFirstAttempt.ignored()).map(Transition.Ignored::reason).contains(Reason.STALE_ATTEMPT);

        Transition finalTimeout = run.at(Duration.ofMinutes(11)).tick();
        assertThat(outputs(finalTimeout, CancelTask.class))
                .containsExactly(new CancelTask("extract", 2, "attempt 2 timed out after PT5M"));
        assertThat(run.status("extract")).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(outputs(finalTimeout, RunFinished.class))
                .containsExactly(new RunFinished(RunStatus.FAILED, RecordCounts.ZERO, List.of("extract")));
    }

    @Test
    void timeoutRunsFromDispatchSoAnAttemptThatNeverStartedTimesOutToo() {
        RunDriver run = RunDriver.started(dag(task("a").timeout(Duration.ofSeconds(30)), task("b", "a"),
                task("c", "a").rule(TriggerRule.ONE_FAILED)));

        Transition timedOut = run.at(Duration.ofSeconds(30)).tick();

        assertThat(run.status("a")).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(outputs(timedOut, CancelTask.class)).extracting(CancelTask::taskId).containsExactly("a");
        assertThat(run.task("b").skipCause()).contains(SkipCause.UPSTREAM_FAILED);
        assertThat(dispatches(timedOut)).containsExactly(new DispatchTask("c", 1));
    }

    private static Duration seconds(long value) {
        return Duration.ofSeconds(value);
    }
}
