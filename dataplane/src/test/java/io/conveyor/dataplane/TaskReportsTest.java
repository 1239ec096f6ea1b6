package io.conveyor.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskKind;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskReportsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final TaskReports REPORTS = new TaskReports("transformer-1", Clock.fixed(NOW, ZoneOffset.UTC));
    private static final TaskCommand COMMAND = TaskCommand.newBuilder().setRunId("orders@m-1").setPipeline("orders")
            .setTaskId("clean").setKind(TaskKind.TRANSFORM).setAttempt(1).setIssuedAt(NOW).build();

    @Test
    void aPartitionReportsItsFirstRecordAndEachTenThousandthOnly() {
        long every = TaskReports.PROGRESS_EVERY;

        assertThat(types(0, 1)).containsExactly(TaskStatusType.STARTED);
        assertThat(types(1, 2)).isEmpty();
        assertThat(types(every - 1, every)).containsExactly(TaskStatusType.PROGRESS);
        assertThat(types(every, every + 1)).isEmpty();
        assertThat(types(0, every)).containsExactly(TaskStatusType.STARTED, TaskStatusType.PROGRESS);
        assertThat(types(every - 5, 3 * every)).containsExactly(TaskStatusType.PROGRESS);
    }

    @Test
    void theCheapQuestionAgreesWithWhatIsReported() {
        for (long before = 0; before < 25_000; before += 7) {
            for (long now : new long[] {before + 1, before + 13, before + 9_999}) {
                assertThat(TaskReports.reportsWhileRunning(before, now)).as("%d -> %d", before, now)
                        .isEqualTo(!types(before, now).isEmpty());
            }
        }
    }

    private static List<TaskStatusType> types(long before, long now) {
        return REPORTS.whileRunning(COMMAND, 0, 1, before, new TaskCounts(now, now, 0L, 0L)).stream()
                .map(TaskStatus::getState).toList();
    }
}
