package io.conveyor.scheduler.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.control.TriggerKind;
import io.conveyor.schemas.TopicNames;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.RunInput;
import io.conveyor.scheduler.dag.RunInput.TaskProgress;
import io.conveyor.scheduler.dag.RunInput.TaskSucceeded;
import io.conveyor.scheduler.dag.RunState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusReportsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theLastMissingPartitionCompletesTheAttemptWithTheSummedCounts() {
        TrackedRun run = run();

        StatusReports.Report first = StatusReports.read(run, partitionDone(1, 0, 10)).orElseThrow();
        StatusReports.Report repeated = StatusReports.read(first.run(), partitionDone(1, 0, 10)).orElseThrow();
        StatusReports.Report last = StatusReports.read(repeated.run(), partitionDone(1, 1, 5)).orElseThrow();

        assertThat(first.input()).isEqualTo(new TaskProgress("extract", 1, new RecordCounts(10, 10, 0, 0)));
        assertThat(repeated.input()).isEqualTo(first.input());
        assertThat(last.input()).isEqualTo(new TaskSucceeded("extract", 1, new RecordCounts(15, 15, 0, 0)));
    }

    @Test
    void aNewAttemptStartsAFreshSetAndReportsOfOlderAttemptsAreDropped() {
        TrackedRun afterFirst = StatusReports.read(run(), partitionDone(1, 0, 10)).orElseThrow().run();

        StatusReports.Report second = StatusReports.read(afterFirst, partitionDone(2, 0, 7)).orElseThrow();

        assertThat(second.input()).isEqualTo(new TaskProgress("extract", 2, new RecordCounts(7, 7, 0, 0)));
        assertThat(StatusReports.read(second.run(), partitionDone(1, 1, 3))).isEmpty();
    }

    @Test
    void progressOfEachPartitionAddsUpUntilItsPartitionDoneReplacesIt() {
        StatusReports.Report first = StatusReports.read(run(), progress(0, 100)).orElseThrow();
        StatusReports.Report second = StatusReports.read(first.run(), progress(1, 50)).orElseThrow();
        StatusReports.Report done = StatusReports.read(second.run(), partitionDone(1, 0, 120)).orElseThrow();
        StatusReports.Report late = StatusReports.read(done.run(), progress(0, 90)).orElseThrow();

        assertThat(first.input()).isEqualTo(new TaskProgress("extract", 1, new RecordCounts(100, 100, 0, 0)));
        assertThat(second.input()).isEqualTo(new TaskProgress("extract", 1, new RecordCounts(150, 150, 0, 0)));
        assertThat(done.input()).isEqualTo(new TaskProgress("extract", 1, new RecordCounts(170, 170, 0, 0)));
        assertThat(late.input()).isEqualTo(done.input());
    }

    @Test
    void aPartitionsRunningCountsNeverGoBackwardsButItsPartitionDoneSetsThemExactly() {
        StatusReports.Report first = StatusReports.read(run(), progress(0, 100)).orElseThrow();
        StatusReports.Report other = StatusReports.read(first.run(), progress(1, 50)).orElseThrow();
        // A restarted worker counts again from its last committed position, below what was reported.
        StatusReports.Report restarted = StatusReports.read(other.run(), progress(0, 80)).orElseThrow();
        StatusReports.Report further = StatusReports.read(restarted.run(), progress(0, 130)).orElseThrow();
        StatusReports.Report done = StatusReports.read(further.run(), partitionDone(1, 0, 125)).orElseThrow();

        assertThat(restarted.input()).isEqualTo(new TaskProgress("extract", 1, new RecordCounts(150, 150, 0, 0)));
        assertThat(restarted.run().partitions().get("extract").running()).containsEntry(0, new RecordCounts(100, 100, 0, 0));
        assertThat(further.input()).isEqualTo(new TaskProgress("extract", 1, new RecordCounts(180, 180, 0, 0)));
        assertThat(done.input()).isEqualTo(new TaskProgress("extract", 1, new RecordCounts(175, 175, 0, 0)));
        assertThat(done.run().partitions().get("extract").done()).containsEntry(0, new RecordCounts(125, 125, 0, 0));
    }

    @Test
    void progressWithoutAPartitionIsTheTasksOwnCount() {
        TaskStatus status = progress(0, 40);
        status.setPartition(null);
        status.setPartitions(null);

        assertThat(StatusReports.read(run(), status).orElseThrow().input())
                .isEqualTo(new TaskProgress("extract", 1, new RecordCounts(40, 40, 0, 0)));
    }

    @Test
    void partitionReportsWithoutPartitionNumbersAreRefused() {
        TaskStatus status = partitionDone(1, 0, 1);
        status.setPartitions(null);

        assertThatThrownBy(() -> StatusReports.read(run(), status)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extract").hasMessageContaining("partitions");
    }

    @Test
    void failuresCarryTheWorkersMessage() {
        TaskStatus status = partitionDone(1, 0, 1);
        status.setState(TaskStatusType.FAILED);
        status.setMessage("disk full");

        RunInput input = StatusReports.read(run(), status).orElseThrow().input();

        assertThat(input).isEqualTo(new RunInput.TaskFailed("extract", 1, "disk full"));
    }

    private static TaskStatus progress(int partition, long records) {
        TaskStatus status = partitionDone(1, partition, records);
        status.setState(TaskStatusType.PROGRESS);
        return status;
    }

    private static TaskStatus partitionDone(int attempt, int partition, long records) {
        return TaskStatus.newBuilder().setRunId("diamond@x").setTaskId("extract").setAttempt(attempt)
                .setState(TaskStatusType.PARTITION_DONE).setCounts(new TaskCounts(records, records, 0L, 0L))
                .setPartition(partition).setPartitions(2).setTime(NOW).build();
    }

    private static TrackedRun run() {
        try {
            PinnedPipeline pinned = PinnedPipeline.pin(Fixtures.version("diamond", 1), TopicNames.defaults());
            RunState state = RunState.queued("diamond@x", "diamond", 1, Map.of(), 0, NOW, pinned.dag());
            return new TrackedRun(state, TriggerKind.MANUAL, NOW, 1, pinned.launches(), pinned.deadLetterTopic(), Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
