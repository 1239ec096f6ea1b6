package io.conveyor.scheduler.dag;

import static io.conveyor.scheduler.dag.RunDriver.dispatches;
import static io.conveyor.scheduler.dag.RunDriver.outputs;
import static io.conveyor.scheduler.dag.TaskBuilder.dag;
import static io.conveyor.scheduler.dag.TaskBuilder.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.scheduler.dag.RunOutput.CancelTask;
import io.conveyor.scheduler.dag.RunOutput.DispatchTask;
import io.conveyor.scheduler.dag.RunOutput.RunFinished;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streaming tasks (extract -> transform -> load overlapping) as the state machine releases and stops them. */
class StreamingReleaseTest {

    private static DagDefinition chain(TaskBuilder extract) {
        return dag(extract, task("clean", "extract").streaming(), task("load", "clean").streaming());
    }

    @Test
    void aStreamingChainIsDispatchedTogetherWithItsFirstTask() {
        RunDriver run = RunDriver.queued(chain(task("extract")));

        Transition started = run.apply(new RunInput.RunStarted());

        assertThat(dispatches(started)).containsExactly(new DispatchTask("extract", 1), new DispatchTask("clean", 1),
                new DispatchTask("load", 1));
    }

    @Test
    void aStreamingTaskWaitsForAnUpstreamThatIsNotDispatchedYet() {
        RunDriver run = RunDriver.started(dag(task("a"), task("b", "a"), task("c", "b").streaming()));

        assertThat(run.status("c")).isEqualTo(TaskStatus.PENDING);

        Transition releasedB = run.succeed("a");

        assertThat(dispatches(releasedB)).containsExactly(new DispatchTask("b", 1), new DispatchTask("c", 1));
    }

    @Test
    void theRunSucceedsWhenTheStagesSucceedInTheOrderTheirInputEnds() {
        RunDriver run = RunDriver.started(chain(task("extract")));

        run.succeed("extract", new RecordCounts(10, 10, 0, 0));
        run.succeed("clean", new RecordCounts(10, 9, 1, 0));
        Transition last = run.succeed("load", new RecordCounts(9, 9, 0, 0));

        assertThat(outputs(last, RunFinished.class)).singleElement()
                .extracting(RunFinished::outcome).isEqualTo(RunStatus.SUCCEEDED_WITH_REJECTS);
    }

    @Test
    void aRetryingUpstreamKeepsItsStreamingConsumersRunning() {
        RunDriver run = RunDriver.started(chain(task("extract").retries(1, Duration.ofSeconds(5), Duration.ofSeconds(5))));
        run.start("clean");

        run.fail("extract");

        assertThat(run.status("extract")).isEqualTo(TaskStatus.RETRYING);
        assertThat(run.status("clean")).isEqualTo(TaskStatus.RUNNING);
        assertThat(run.status("load")).isEqualTo(TaskStatus.READY);
    }

    @Test
    void aFailedUpstreamCancelsAndSkipsTheStreamingTasksBelowItAndFailsTheRun() {
        RunDriver run = RunDriver.started(chain(task("extract")));
        run.start("clean");

        Transition failed = run.fail("extract");

        assertThat(outputs(failed, CancelTask.class)).extracting(CancelTask::taskId).containsExactly("clean", "load");
        for (String task : List.of("clean", "load")) {
            assertThat(run.status(task)).as(task).isEqualTo(TaskStatus.SKIPPED);
            assertThat(run.task(task).skipCause()).as(task).contains(SkipCause.UPSTREAM_FAILED);
        }
        assertThat(outputs(failed, RunFinished.class)).singleElement()
                .extracting(RunFinished::outcome).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void aStreamingTaskClaimingSuccessBeforeItsUpstreamSucceededIsNotBelieved() {
        RunDriver run = RunDriver.started(chain(task("extract")));

        run.succeed("clean");

        assertThat(run.status("clean")).isEqualTo(TaskStatus.FAILED);
        assertThat(run.task("clean").message().orElseThrow()).contains("before all of its upstream tasks succeeded");
    }

    @Test
    void onlyAnAllSuccessTaskMayStream() {
        assertThatThrownBy(() -> task("b", "a").rule(TriggerRule.ALL_DONE).streaming().build())
                .isInstanceOf(InvalidDagException.class)
                .hasMessageContaining("only an all_success task can stream its input");
    }
}
