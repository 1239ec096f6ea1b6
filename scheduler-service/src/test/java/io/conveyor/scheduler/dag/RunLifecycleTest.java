package io.conveyor.scheduler.dag;

import static io.conveyor.scheduler.dag.RunDriver.T0;
import static io.conveyor.scheduler.dag.RunDriver.dispatches;
import static io.conveyor.scheduler.dag.RunDriver.outputs;
import static io.conveyor.scheduler.dag.TaskBuilder.dag;
import static io.conveyor.scheduler.dag.TaskBuilder.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.scheduler.dag.RunInput.CancelRequested;
import io.conveyor.scheduler.dag.RunInput.RunStarted;
import io.conveyor.scheduler.dag.RunInput.TaskStarted;
import io.conveyor.scheduler.dag.RunOutput.CancelTask;
import io.conveyor.scheduler.dag.RunOutput.DispatchTask;
import io.conveyor.scheduler.dag.RunOutput.RunFinished;
import io.conveyor.scheduler.dag.RunOutput.RunStatusChanged;
import io.conveyor.scheduler.dag.RunOutput.TaskStatusChanged;
import io.conveyor.scheduler.dag.Transition.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunLifecycleTest {

    @Test
    void linearChainRunsTaskAfterTaskAndSucceeds() {
        RunDriver run = RunDriver.queued(dag(task("extract"), task("transform", "extract"), task("load", "transform")));

        Transition started = run.apply(new RunStarted());
        assertThat(started.outputs()).containsExactly(
                new RunStatusChanged(RunStatus.QUEUED, RunStatus.RUNNING),
                new TaskStatusChanged("extract", 1, TaskStatus.PENDING, TaskStatus.READY, Optional.empty()),
                new DispatchTask("extract", 1));
        assertThat(run.status("transform")).isEqualTo(TaskStatus.PENDING);

        assertThat(run.at(Duration.ofSeconds(1)).start("extract").outputs()).containsExactly(
                new TaskStatusChanged("extract", 1, TaskStatus.READY, TaskStatus.RUNNING, Optional.empty()));
        assertThat(dispatches(run.at(Duration.ofSeconds(5)).succeed("extract", new RecordCounts(100, 100, 0, 0))))
                .containsExactly(new DispatchTask("transform", 1));
        assertThat(dispatches(run.succeed("transform", new RecordCounts(100, 98, 0, 2))))
                .containsExactly(new DispatchTask("load", 1));
        Transition last = run.at(Duration.ofSeconds(9)).succeed("load", new RecordCounts(98, 98, 0, 0));

        assertThat(outputs(last, RunFinished.class))
                .containsExactly(new RunFinished(RunStatus.SUCCEEDED, new RecordCounts(100, 98, 0, 2), List.of()));
        RunState state = run.state();
        assertThat(state.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(state.startedAt()).contains(T0);
        assertThat(state.finishedAt()).contains(T0.plusSeconds(9));
        assertThat(run.task("extract").timings())
                .isEqualTo(new TaskTimings(Optional.of(T0), Optional.of(T0), Optional.of(T0.plusSeconds(1)),
                        Optional.of(T0.plusSeconds(5)), Optional.empty()));
    }

    @Test
    void dispatchesTasksReleasedTogetherByPriorityThenTopologicalOrder() {
        RunDriver run = RunDriver.queued(dag(task("a"), task("low", "a"), task("high", "a").priority(5),
                task("high2", "a").priority(5), task("neg", "a").priority(-1)));
        run.apply(new RunStarted());

        assertThat(dispatches(run.succeed("a"))).extracting(DispatchTask::taskId)
                .containsExactly("high", "high2", "low", "neg");
    }

    @Test
    void succeedsWithRejectsWhenAnyTaskRejectedRecords() {
        RunDriver run = RunDriver.started(dag(task("extract"), task("transform", "extract")));
        run.succeed("extract", new RecordCounts(10, 10, 0, 0));

        Transition last = run.succeed("transform", new RecordCounts(10, 7, 3, 0));

        assertThat(outputs(last, RunFinished.class)).containsExactly(
                new RunFinished(RunStatus.SUCCEEDED_WITH_REJECTS, new RecordCounts(10, 7, 3, 0), List.of()));
    }

    @Test
    void successAboveTheRejectThresholdFailsTheTaskWithoutRetry() {
        RunDriver run = RunDriver.started(dag(
                task("transform").rejectThreshold(0.1).retries(3, Duration.ZERO, Duration.ZERO)));

        Transition last = run.succeed("transform", new RecordCounts(100, 80, 20, 0));

        assertThat(run.status("transform")).isEqualTo(TaskStatus.FAILED);
        assertThat(run.task("transform").message())
                .contains("attempt 1 rejected 20 of 100 records in total (rate 0.2000), above the threshold 0.1000");
        assertThat(outputs(last, RunFinished.class)).extracting(RunFinished::outcome).containsExactly(RunStatus.FAILED);
    }

    @Test
    void cancelStopsDispatchedAttemptsAndEndsEveryOpenTask() {
        RunDriver run = RunDriver.started(dag(task("a"), task("b", "a"), task("c"), task("d")));
        run.start("a");
        run.succeed("d");

        Transition cancel = run.apply(new CancelRequested("requested by alice"));

        assertThat(outputs(cancel, CancelTask.class)).containsExactly(
                new CancelTask("a", 1, "requested by alice"), new CancelTask("c", 1, "requested by alice"));
        assertThat(run.state().tasks().values()).extracting(TaskState::status).containsExactlyInAnyOrder(
                TaskStatus.CANCELLED, TaskStatus.CANCELLED, TaskStatus.CANCELLED, TaskStatus.SUCCEEDED);
        assertThat(run.task("b").message()).contains("run cancelled: requested by alice");
        assertThat(outputs(cancel, RunFinished.class)).extracting(RunFinished::outcome)
                .containsExactly(RunStatus.CANCELLED);
        assertThat(run.state().status()).isEqualTo(RunStatus.CANCELLED);

        RunState cancelled = run.state();
        Transition late = run.succeed("a");
        assertThat(late.next()).isSameAs(cancelled);
        assertThat(late.outputs()).isEmpty();
        assertThat(late.ignored()).map(Transition.Ignored::reason).contains(Reason.RUN_FINISHED);
    }

    @Test
    void cancellingAQueuedRunSendsNoTaskCommands() {
        RunDriver run = RunDriver.queued(dag(task("a"), task("b", "a")));

        Transition cancel = run.apply(new CancelRequested("superseded"));

        assertThat(outputs(cancel, CancelTask.class)).isEmpty();
        assertThat(run.state().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.status("a")).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void queuedRunWaitsForItsStart() {
        RunDriver run = RunDriver.queued(dag(task("a")));
        RunState queued = run.state();

        assertThat(run.at(Duration.ofHours(1)).tick().next()).isSameAs(queued);
        Transition early = run.apply(new TaskStarted("a", 1));
        assertThat(early.next()).isSameAs(queued);
        assertThat(early.ignored()).map(Transition.Ignored::reason).contains(Reason.UNDISPATCHED_ATTEMPT);
    }
}
