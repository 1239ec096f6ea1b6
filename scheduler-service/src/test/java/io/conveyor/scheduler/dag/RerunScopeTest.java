package io.conveyor.scheduler.dag;

import static io.conveyor.scheduler.dag.RunDriver.T0;
import static io.conveyor.scheduler.dag.RunDriver.dispatches;
import static io.conveyor.scheduler.dag.RunDriver.outputs;
import static io.conveyor.scheduler.dag.TaskBuilder.dag;
import static io.conveyor.scheduler.dag.TaskBuilder.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.scheduler.dag.RunInput.CancelRequested;
import io.conveyor.scheduler.dag.RunInput.RunStarted;
import io.conveyor.scheduler.dag.RunOutput.DispatchTask;
import io.conveyor.scheduler.dag.RunOutput.RunFinished;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RerunScopeTest {

    private static final RecordCounts EXTRACTED = new RecordCounts(100, 100, 0, 0);
    private static final RecordCounts LOADED = new RecordCounts(100, 98, 2, 0);

    /**
     * Two chains ordered by a plain dependency: extract a, load b reading a; extract c waits for
     * b but reads nothing of it; load d reads c.
     */
    private static final DagDefinition TWO_CHAINS = dag(task("a"), task("b", "a"), task("c", "b"), task("d", "c"));
    private static final Map<String, List<String>> TWO_CHAINS_DATA = Map.of("b", List.of("a"), "d", List.of("c"));

    private static Collection<String> reads(Map<String, List<String>> data, String task) {
        return data.getOrDefault(task, List.of());
    }

    private static RunState twoChainsWhereTheLastLoadFailed() {
        RunDriver run = RunDriver.started(TWO_CHAINS);
        run.succeed("a", EXTRACTED);
        run.succeed("b", LOADED);
        run.succeed("c", EXTRACTED);
        run.fail("d");
        assertThat(run.state().status()).isEqualTo(RunStatus.FAILED);
        return run.state();
    }

    @Test
    void theFailedTaskRunsAgainWithTheUpstreamWhoseRecordsItReadsAndNothingElse() {
        RunState failed = twoChainsWhereTheLastLoadFailed();

        RerunScope scope = RerunScope.ofFailedTasks(failed, task -> reads(TWO_CHAINS_DATA, task));

        assertThat(scope.rerun()).containsExactly("c", "d");
        assertThat(scope.carried()).containsExactly("a", "b");
        assertThat(scope.nothingFailed()).isFalse();
    }

    @Test
    void theRerunDispatchesOnlyTheTasksInScopeAndAddsTheCarriedCountsToItsTotals() {
        RunState failed = twoChainsWhereTheLastLoadFailed();
        RerunScope scope = RerunScope.ofFailedTasks(failed, task -> reads(TWO_CHAINS_DATA, task));
        RunDriver rerun = RunDriver.of(scope.queued("run-2", failed.parameters(), 5, T0.plus(Duration.ofHours(1))));

        assertThat(rerun.status("a")).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(rerun.task("b").counts()).isEqualTo(LOADED);
        assertThat(rerun.task("b").message()).contains("succeeded in run run-1; not run again");
        assertThat(rerun.status("d")).isEqualTo(TaskStatus.PENDING);
        assertThat(rerun.attempt("d")).isZero();
        assertThat(rerun.state().priority()).isEqualTo(5);

        assertThat(dispatches(rerun.apply(new RunStarted()))).containsExactly(new DispatchTask("c", 1));
        assertThat(dispatches(rerun.succeed("c", EXTRACTED))).containsExactly(new DispatchTask("d", 1));
        Transition last = rerun.succeed("d", new RecordCounts(100, 100, 0, 0));

        assertThat(outputs(last, RunFinished.class)).containsExactly(new RunFinished(RunStatus.SUCCEEDED_WITH_REJECTS,
                new RecordCounts(100, 100, 2, 0), List.of()));
    }

    @Test
    void aFailedBranchOfASharedExtractRerunsTheExtractAndEveryConsumerOfItsRecords() {
        // a feeds b and c; the new run's records of a reach b's consumer too, so b cannot be carried over.
        DagDefinition fanOut = dag(task("a"), task("b", "a"), task("c", "a"), task("z"));
        RunDriver run = RunDriver.started(fanOut);
        run.succeed("a");
        run.succeed("b");
        run.succeed("z");
        run.fail("c");

        RerunScope scope = RerunScope.ofFailedTasks(run.state(),
                task -> reads(Map.of("b", List.of("a"), "c", List.of("a")), task));

        assertThat(scope.rerun()).containsExactly("a", "b", "c");
        assertThat(scope.carried()).containsExactly("z");
    }

    @Test
    void tasksSkippedForAnUpstreamFailureRunAgainAndAHandlerThatRanForItRunsAgainToo() {
        DagDefinition withHandler = dag(task("a"), task("b", "a"), task("cleanup", "a").rule(TriggerRule.ONE_FAILED),
                task("other"));
        RunDriver run = RunDriver.started(withHandler);
        run.succeed("other");
        run.fail("a");
        run.succeed("cleanup");
        assertThat(run.task("b").skipCause()).contains(SkipCause.UPSTREAM_FAILED);

        RerunScope scope = RerunScope.ofFailedTasks(run.state(), task -> List.of());

        assertThat(scope.rerun()).containsExactly("a", "b", "cleanup");
        assertThat(scope.carried()).containsExactly("other");
    }

    @Test
    void aRunCancelledWhileQueuedRerunsEveryTask() {
        RunDriver run = RunDriver.queued(TWO_CHAINS);
        run.apply(new CancelRequested("operator"));

        RerunScope scope = RerunScope.ofFailedTasks(run.state(), task -> reads(TWO_CHAINS_DATA, task));

        assertThat(scope.rerun()).containsExactly("a", "b", "c", "d");
        assertThat(scope.carried()).isEmpty();
    }

    @Test
    void aRunWithoutAFailedTaskHasNothingToRerun() {
        RunDriver run = RunDriver.started(TWO_CHAINS);
        run.succeed("a");
        run.succeed("b");
        run.succeed("c");
        run.succeed("d");

        assertThat(RerunScope.ofFailedTasks(run.state(), task -> reads(TWO_CHAINS_DATA, task)).nothingFailed()).isTrue();
    }

    @Test
    void aRunThatHasNotFinishedIsRefused() {
        RunDriver run = RunDriver.started(TWO_CHAINS);

        assertThatThrownBy(() -> RerunScope.ofFailedTasks(run.state(), task -> List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only a finished run's failed tasks can be rerun");
    }
}
