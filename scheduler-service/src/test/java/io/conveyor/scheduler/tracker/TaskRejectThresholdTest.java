package io.conveyor.scheduler.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatusType;
import io.conveyor.control.TriggerKind;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.RunInput;
import io.conveyor.scheduler.dag.RunMachine;
import io.conveyor.scheduler.dag.RunState;
import io.conveyor.scheduler.dag.RunStatus;
import io.conveyor.scheduler.dag.SkipCause;
import io.conveyor.scheduler.dag.TaskState;
import io.conveyor.scheduler.dag.TaskStatus;
import io.conveyor.schemas.TopicNames;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reject threshold of a task read by several partitions holds for the task's totals: each
 * partition only reports its counts, the last one decides. Pure: status reports go through
 * {@link StatusReports} and {@link RunMachine} as the tracker feeds them, without Kafka.
 */
class TaskRejectThresholdTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String RUN = "thresholds@x";

    private TrackedRun run = started();

    @Test
    void aPartitionOverTheRateDoesNotFailATaskWhoseTotalIsUnder() {
        report(0, 10, 5);

        assertThat(task("clean").status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(task("clean").counts()).isEqualTo(new RecordCounts(10, 5, 5, 0));

        report(1, 90, 0);

        assertThat(task("clean").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task("clean").counts()).isEqualTo(new RecordCounts(100, 95, 5, 0));
        assertThat(task("load").status()).isEqualTo(TaskStatus.READY);
    }

    @Test
    void aTotalOverTheRateFailsTheTaskWithTheTotalsAndSkipsWhatDependsOnIt() {
        report(0, 10, 5);
        report(1, 90, 10);

        TaskState clean = task("clean");
        assertThat(clean.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(clean.counts()).isEqualTo(new RecordCounts(100, 85, 15, 0));
        assertThat(clean.message()).contains(
                "attempt 1 rejected 15 of 100 records in total (rate 0.1500), above the threshold 0.1000");
        assertThat(task("load").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(task("load").skipCause()).contains(SkipCause.UPSTREAM_FAILED);
        assertThat(run.state().status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void aTotalExactlyAtTheThresholdSucceeds() {
        report(0, 50, 10);
        report(1, 50, 0);

        assertThat(task("clean").status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    private void report(int partition, long in, long rejected) {
        io.conveyor.control.TaskStatus status = io.conveyor.control.TaskStatus.newBuilder().setRunId(RUN)
                .setTaskId("clean").setAttempt(1).setState(TaskStatusType.PARTITION_DONE)
                .setCounts(new TaskCounts(in, in - rejected, rejected, 0L)).setPartition(partition).setPartitions(2)
                .setTime(NOW).build();
        StatusReports.Report report = StatusReports.read(run, status).orElseThrow();
        run = report.run().with(RunMachine.apply(report.run().state(), report.input(), NOW).next());
    }

    private TaskState task(String id) {
        return run.state().task(id);
    }

    /** The run with extract done, so clean is dispatched (attempt 1). */
    private static TrackedRun started() {
        try {
            PinnedPipeline pinned = PinnedPipeline.pin(Fixtures.version("thresholds", 1), TopicNames.defaults());
            RunState state = RunState.queued(RUN, "thresholds", 1, Map.of(), 0, NOW, pinned.dag());
            state = RunMachine.apply(state, new RunInput.RunStarted(), NOW).next();
            state = RunMachine.apply(state, new RunInput.TaskSucceeded("extract", 1, new RecordCounts(100, 100, 0, 0)), NOW)
                    .next();
            return new TrackedRun(state, TriggerKind.MANUAL, NOW, 1, pinned.launches(), pinned.deadLetterTopic(), Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
