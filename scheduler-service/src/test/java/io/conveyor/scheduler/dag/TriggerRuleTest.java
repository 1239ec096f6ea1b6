package io.conveyor.scheduler.dag;

import static io.conveyor.scheduler.dag.RunDriver.dispatches;
import static io.conveyor.scheduler.dag.RunDriver.outputs;
import static io.conveyor.scheduler.dag.TaskBuilder.dag;
import static io.conveyor.scheduler.dag.TaskBuilder.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.scheduler.dag.RunOutput.DispatchTask;
import io.conveyor.scheduler.dag.RunOutput.RunFinished;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerRuleTest {

    /** a -> b, a -> c, b -> d, c -> d, d -> e. */
    private static RunDriver diamond(TriggerRule ruleOfD) {
        RunDriver run = RunDriver.started(dag(task("a"), task("b", "a"), task("c", "a"),
                task("d", "b", "c").rule(ruleOfD), task("e", "d")));
        run.succeed("a");
        run.start("b");
        return run;
    }

    @Test
    void allSuccessSkipsDownstreamOfAFailureAtOnceAndTheRunFails() {
        RunDriver run = diamond(TriggerRule.ALL_SUCCESS);

        run.fail("c");

        assertThat(run.status("c")).isEqualTo(TaskStatus.FAILED);
        assertThat(run.status("d")).isEqualTo(TaskStatus.SKIPPED);
        assertThat(run.task("d").skipCause()).contains(SkipCause.UPSTREAM_FAILED);
        assertThat(run.task("d").message()).contains("upstream failed: c");
        assertThat(run.task("e").skipCause()).contains(SkipCause.UPSTREAM_FAILED);
        assertThat(run.state().status()).isEqualTo(RunStatus.RUNNING);

        Transition last = run.succeed("b");

        assertThat(dispatches(last)).isEmpty();
        assertThat(outputs(last, RunFinished.class))
                .containsExactly(new RunFinished(RunStatus.FAILED, RecordCounts.ZERO, List.of("c")));
    }

    @Test
    void allDoneRunsAfterAFailedUpstreamAndItsSucceedingLeafDecidesTheRun() {
        RunDriver run = diamond(TriggerRule.ALL_DONE);

        assertThat(dispatches(run.fail("c"))).isEmpty();
        assertThat(run.status("d")).isEqualTo(TaskStatus.PENDING);
        assertThat(dispatches(run.succeed("b"))).containsExactly(new DispatchTask("d", 1));
        assertThat(dispatches(run.succeed("d"))).containsExactly(new DispatchTask("e", 1));
        Transition last = run.succeed("e");

        assertThat(outputs(last, RunFinished.class))
                .containsExactly(new RunFinished(RunStatus.SUCCEEDED, RecordCounts.ZERO, List.of("c")));
    }

    @Test
    void oneFailedReleasesAsSoonAsOneUpstreamFailed() {
        RunDriver run = RunDriver.started(dag(task("a"), task("b"), task("alert", "a", "b").rule(TriggerRule.ONE_FAILED),
                task("load", "a", "b")));
        run.start("b");

        assertThat(dispatches(run.fail("a"))).containsExactly(new DispatchTask("alert", 1));
        assertThat(run.status("b")).isEqualTo(TaskStatus.RUNNING);
        assertThat(run.task("load").skipCause()).contains(SkipCause.UPSTREAM_FAILED);

        run.succeed("b");
        Transition last = run.succeed("alert");

        assertThat(outputs(last, RunFinished.class)).extracting(RunFinished::outcome)
                .containsExactly(RunStatus.FAILED);
    }

    @Test
    void failureHandledByAOneFailedLeafDoesNotFailTheRun() {
        RunDriver run = RunDriver.started(dag(task("a"), task("cleanup", "a").rule(TriggerRule.ONE_FAILED)));

        run.fail("a");
        Transition last = run.succeed("cleanup");

        assertThat(outputs(last, RunFinished.class))
                .containsExactly(new RunFinished(RunStatus.SUCCEEDED, RecordCounts.ZERO, List.of("a")));
    }

    @Test
    void oneFailedIsSkippedWhenNothingFailedWithoutFailingTheRun() {
        RunDriver run = RunDriver.started(dag(task("a"), task("alert", "a").rule(TriggerRule.ONE_FAILED)));

        Transition last = run.succeed("a");

        assertThat(run.task("alert").skipCause()).contains(SkipCause.NOTHING_FAILED);
        assertThat(outputs(last, RunFinished.class)).extracting(RunFinished::outcome)
                .containsExactly(RunStatus.SUCCEEDED);
    }

    @Test
    void noneFailedRunsWithASkippedUpstreamWhereAllSuccessIsSkipped() {
        RunDriver run = RunDriver.started(dag(task("extract"), task("alert", "extract").rule(TriggerRule.ONE_FAILED),
                task("load", "extract", "alert").rule(TriggerRule.NONE_FAILED), task("audit", "extract", "alert")));

        Transition afterExtract = run.succeed("extract");

        assertThat(run.task("alert").skipCause()).contains(SkipCause.NOTHING_FAILED);
        assertThat(dispatches(afterExtract)).containsExactly(new DispatchTask("load", 1));
        assertThat(run.task("audit").skipCause()).contains(SkipCause.UPSTREAM_SKIPPED);
        assertThat(outputs(run.succeed("load"), RunFinished.class)).extracting(RunFinished::outcome)
                .containsExactly(RunStatus.SUCCEEDED);
    }

    @Test
    void noneFailedIsSkippedAsUpstreamFailedWhenAnUpstreamFailed() {
        RunDriver run = RunDriver.started(dag(task("a"), task("b"), task("load", "a", "b").rule(TriggerRule.NONE_FAILED)));

        run.fail("a");

        assertThat(run.status("b")).isEqualTo(TaskStatus.READY);
        assertThat(run.task("load").skipCause()).contains(SkipCause.UPSTREAM_FAILED);
    }

    @Test
    void upstreamFailedSkipTravelsDownAndReleasesAOneFailedTaskFurtherDown() {
        RunDriver run = RunDriver.started(dag(task("a"), task("b", "a"), task("c", "b").rule(TriggerRule.NONE_FAILED),
                task("handler", "c").rule(TriggerRule.ONE_FAILED)));

        Transition failed = run.fail("a");

        assertThat(run.task("b").skipCause()).contains(SkipCause.UPSTREAM_FAILED);
        assertThat(run.task("c").skipCause()).contains(SkipCause.UPSTREAM_FAILED);
        assertThat(dispatches(failed)).containsExactly(new DispatchTask("handler", 1));
    }

    @Test
    void rootTasksRunWhateverTheirRule() {
        RunDriver run = RunDriver.queued(dag(task("a").rule(TriggerRule.ONE_FAILED)));

        assertThat(dispatches(run.apply(new RunInput.RunStarted()))).containsExactly(new DispatchTask("a", 1));
    }
}
