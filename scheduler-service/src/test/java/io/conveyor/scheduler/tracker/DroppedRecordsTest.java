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
import io.conveyor.scheduler.dag.TaskStatus;
import io.conveyor.scheduler.query.RunSummary;
import io.conveyor.schemas.TopicNames;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Records a task drops on purpose (duplicates, filters) are carried from the workers' reports into
 * the task's and the run's counts, so in = out + rejected + dropped holds at every level. Pure:
 * reports go through {@link StatusReports} and {@link RunMachine} as the tracker feeds them.
 */
class DroppedRecordsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String RUN = "thresholds@dropped";

    private TrackedRun run = extracted(100);

    @Test
    void droppedRecordsAreSummedOverPartitionsAndAddUpInTheTaskCounts() {
        report("clean", 0, new TaskCounts(40L, 30L, 2L, 8L), TaskStatusType.PROGRESS);

        assertThat(task("clean")).isEqualTo(new RecordCounts(40, 30, 2, 8));

        report("clean", 0, new TaskCounts(50L, 38L, 2L, 10L), TaskStatusType.PARTITION_DONE);
        report("clean", 1, new TaskCounts(50L, 47L, 1L, 2L), TaskStatusType.PARTITION_DONE);

        assertThat(task("clean")).isEqualTo(new RecordCounts(100, 85, 3, 12));
        assertThat(task("clean").balanced()).isTrue();
        // 12% dropped is no reject: the task stays under its 10% reject threshold.
        assertThat(run.state().task("clean").status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void theRunTotalsOfAChainAddUpAsTheTasksDo() {
        report("clean", 0, new TaskCounts(50L, 38L, 2L, 10L), TaskStatusType.PARTITION_DONE);
        report("clean", 1, new TaskCounts(50L, 47L, 1L, 2L), TaskStatusType.PARTITION_DONE);
        report("load", 0, new TaskCounts(40L, 39L, 1L, 0L), TaskStatusType.PARTITION_DONE);
        report("load", 1, new TaskCounts(45L, 45L, 0L, 0L), TaskStatusType.PARTITION_DONE);

        assertThat(run.state().status()).isEqualTo(RunStatus.SUCCEEDED_WITH_REJECTS);
        RecordCounts totals = RunSummary.of(run).counts();
        assertThat(totals).isEqualTo(new RecordCounts(100, 84, 4, 12));
        assertThat(totals.balanced()).isTrue();
    }

    private void report(String task, int partition, TaskCounts counts, TaskStatusType state) {
        io.conveyor.control.TaskStatus status = io.conveyor.control.TaskStatus.newBuilder().setRunId(RUN)
                .setTaskId(task).setAttempt(1).setState(state).setCounts(counts).setPartition(partition).setPartitions(2)
                .setTime(NOW).build();
        StatusReports.Report report = StatusReports.read(run, status).orElseThrow();
        run = report.run().with(RunMachine.apply(report.run().state(), report.input(), NOW).next());
    }

    private RecordCounts task(String id) {
        return run.state().task(id).counts();
    }

    /** The run with its extract done ({@code records} read and written), so clean is dispatched. */
    private static TrackedRun extracted(long records) {
        try {
            PinnedPipeline pinned = PinnedPipeline.pin(Fixtures.version("thresholds", 1), TopicNames.defaults());
            RunState state = RunState.queued(RUN, "thresholds", 1, Map.of(), 0, NOW, pinned.dag());
            state = RunMachine.apply(state, new RunInput.RunStarted(), NOW).next();
            state = RunMachine.apply(state, new RunInput.TaskSucceeded("extract", 1,
                    new RecordCounts(records, records, 0, 0)), NOW).next();
            return new TrackedRun(state, TriggerKind.MANUAL, NOW, 1, pinned.launches(), pinned.deadLetterTopic(), Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
