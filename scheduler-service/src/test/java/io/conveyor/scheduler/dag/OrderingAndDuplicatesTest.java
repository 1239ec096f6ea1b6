package io.conveyor.scheduler.dag;

import static io.conveyor.scheduler.dag.RunDriver.dispatches;
import static io.conveyor.scheduler.dag.TaskBuilder.dag;
import static io.conveyor.scheduler.dag.TaskBuilder.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.scheduler.dag.RunInput.RunStarted;
import io.conveyor.scheduler.dag.RunInput.TaskFailed;
import io.conveyor.scheduler.dag.RunInput.TaskProgress;
import io.conveyor.scheduler.dag.RunInput.TaskStarted;
import io.conveyor.scheduler.dag.RunInput.TaskSucceeded;
import io.conveyor.scheduler.dag.RunInput.Tick;
import io.conveyor.scheduler.dag.RunOutput.DispatchTask;
import io.conveyor.scheduler.dag.Transition.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderingAndDuplicatesTest {

    @Test
    void duplicateReportsLeaveTheSameStateWithoutOutputs() {
        RunDriver run = RunDriver.started(dag(task("a"), task("b", "a")));
        run.start("a");

        assertIgnored(run, new TaskStarted("a", 1), Reason.DUPLICATE);
        run.succeed("a");
        assertIgnored(run, new TaskSucceeded("a", 1, RecordCounts.ZERO), Reason.ATTEMPT_ENDED);
        assertIgnored(run, new TaskFailed("a", 1, "late"), Reason.ATTEMPT_ENDED);
        assertIgnored(run, new RunStarted(), Reason.DUPLICATE);
    }

    @Test
    void reportsForOldOrUndispatchedAttemptsAreIgnored() {
        RunDriver run = RunDriver.started(dag(task("a").retries(2, Duration.ZERO, Duration.ZERO), task("b", "a")));
        run.fail("a");
        run.tick();

        assertIgnored(run, new TaskFailed("a", 1, "again"), Reason.STALE_ATTEMPT);
        assertIgnored(run, new TaskSucceeded("a", 1, RecordCounts.ZERO), Reason.STALE_ATTEMPT);
        assertIgnored(run, new TaskStarted("a", 3), Reason.UNDISPATCHED_ATTEMPT);
        assertIgnored(run, new TaskStarted("b", 1), Reason.UNDISPATCHED_ATTEMPT);
    }

    @Test
    void reportsForUnknownTasksAreIgnoredWithTheReason() {
        RunDriver run = RunDriver.started(dag(task("a")));

        Transition transition = assertIgnored(run, new TaskSucceeded("ghost", 1, RecordCounts.ZERO), Reason.UNKNOWN_TASK);

        assertThat(transition.ignored().orElseThrow().detail()).isEqualTo("run run-1 has no task 'ghost'");
    }

    @Test
    void successBeforeTheStartReportCompletesTheTask() {
        RunDriver run = RunDriver.started(dag(task("a"), task("b", "a")));

        Transition success = run.succeed("a", new RecordCounts(5, 5, 0, 0));

        assertThat(run.status("a")).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(run.task("a").timings().startedAt()).isEmpty();
        assertThat(dispatches(success)).containsExactly(new DispatchTask("b", 1));
        assertIgnored(run, new TaskStarted("a", 1), Reason.ATTEMPT_ENDED);
    }

    @Test
    void progressMarksTheAttemptRunningAndCountsNeverGoBack() {
        RunDriver run = RunDriver.started(dag(task("a")));

        run.apply(new TaskProgress("a", 1, new RecordCounts(200, 190, 10, 0)));
        assertThat(run.status("a")).isEqualTo(TaskStatus.RUNNING);
        assertIgnored(run, new TaskProgress("a", 1, new RecordCounts(100, 95, 5, 0)), Reason.DUPLICATE);
        assertIgnored(run, new TaskStarted("a", 1), Reason.DUPLICATE);
        run.apply(new TaskProgress("a", 1, new RecordCounts(300, 290, 10, 0)));

        assertThat(run.task("a").counts()).isEqualTo(new RecordCounts(300, 290, 10, 0));
    }

    @Test
    void everyInputDeliveredTwiceEndsInTheSameStateAsOnce() {
        DagDefinition dag = dag(task("a").retries(1, Duration.ZERO, Duration.ZERO), task("b", "a"),
                task("c", "a").rule(TriggerRule.ONE_FAILED), task("d", "b", "c").rule(TriggerRule.ALL_DONE));
        List<RunInput> inputs = List.of(new RunStarted(), new TaskStarted("a", 1), new TaskFailed("a", 1, "x"),
                new Tick(), new TaskProgress("a", 2, new RecordCounts(4, 4, 0, 0)),
                new TaskSucceeded("a", 2, new RecordCounts(9, 9, 0, 0)), new TaskSucceeded("b", 1, RecordCounts.ZERO),
                new TaskSucceeded("d", 1, new RecordCounts(9, 8, 1, 0)));
        RunDriver once = RunDriver.queued(dag);
        RunDriver twice = RunDriver.queued(dag);
        List<RunOutput> outputsOnce = new ArrayList<>();
        List<RunOutput> outputsTwice = new ArrayList<>();

        for (RunInput input : inputs) {
            outputsOnce.addAll(once.apply(input).outputs());
            outputsTwice.addAll(twice.apply(input).outputs());
            outputsTwice.addAll(twice.apply(input).outputs());
        }

        assertThat(twice.state()).isEqualTo(once.state());
        assertThat(outputsTwice).isEqualTo(outputsOnce);
        assertThat(once.state().status()).isEqualTo(RunStatus.SUCCEEDED_WITH_REJECTS);
    }

    private static Transition assertIgnored(RunDriver run, RunInput input, Reason reason) {
        RunState before = run.state();
        Transition transition = run.apply(input);
        assertThat(transition.next()).isSameAs(before);
        assertThat(transition.outputs()).isEmpty();
        assertThat(transition.ignored()).map(Transition.Ignored::reason).contains(reason);
        return transition;
    }
}
