package io.conveyor.scheduler.tracker;

import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.RunInput;
import io.conveyor.scheduler.dag.RunInput.TaskFailed;
import io.conveyor.scheduler.dag.RunInput.TaskProgress;
import io.conveyor.scheduler.dag.RunInput.TaskStarted;
import io.conveyor.scheduler.dag.RunInput.TaskSucceeded;
import java.util.Optional;

/**
 * Turns a service's {@link TaskStatus} into the state machine's input. PARTITION_DONE reports (and
 * PROGRESS reports that name a partition) are collected per task attempt in the run; the one that
 * completes the set becomes a success with the summed counts, the others a progress report with
 * the counts so far.
 */
public final class StatusReports {

    /** The run with the report recorded, and the input to apply to it. */
    public record Report(TrackedRun run, RunInput input) {
    }

    private StatusReports() {
    }

    /**
     * @return empty when the report needs no transition (a partition report of an older attempt or unknown task)
     * @throws IllegalArgumentException for a report the protocol does not allow, with what is wrong
     */
    public static Optional<Report> read(TrackedRun run, TaskStatus status) {
        String task = status.getTaskId();
        int attempt = status.getAttempt();
        RecordCounts counts = counts(status.getCounts());
        return switch (status.getState()) {
            case STARTED -> Optional.of(new Report(run, new TaskStarted(task, attempt)));
            case PROGRESS -> status.getPartition() == null || status.getPartitions() == null
                    ? Optional.of(new Report(run, new TaskProgress(task, attempt, counts)))
                    : partitionProgress(run, status, counts);
            case SUCCEEDED -> Optional.of(new Report(run, new TaskSucceeded(task, attempt, counts)));
            case FAILED -> Optional.of(new Report(run, new TaskFailed(task, attempt,
                    status.getMessage() == null ? "no message" : status.getMessage())));
            case PARTITION_DONE -> partitionDone(run, status, counts);
            case UNKNOWN -> throw new IllegalArgumentException("task status of task '" + task + "' of run "
                    + run.runId() + " has an unknown state");
        };
    }

    private static Optional<Report> partitionDone(TrackedRun run, TaskStatus status, RecordCounts counts) {
        if (status.getPartition() == null || status.getPartitions() == null) {
            throw new IllegalArgumentException("PARTITION_DONE of task '" + status.getTaskId() + "' of run " + run.runId()
                    + " lacks partition or partitions");
        }
        return attemptProgress(run, status).map(known -> {
            PartitionProgress progress = known.record(status.getPartition(), counts);
            RunInput input = progress.complete()
                    ? new TaskSucceeded(status.getTaskId(), status.getAttempt(), progress.total())
                    : new TaskProgress(status.getTaskId(), status.getAttempt(), progress.total());
            return new Report(run.with(status.getTaskId(), progress), input);
        });
    }

    /** A PROGRESS report of one input partition: the task's counts become the sum over its partitions. */
    private static Optional<Report> partitionProgress(TrackedRun run, TaskStatus status, RecordCounts counts) {
        return attemptProgress(run, status).map(known -> {
            PartitionProgress progress = known.progress(status.getPartition(), counts);
            return new Report(run.with(status.getTaskId(), progress),
                    new TaskProgress(status.getTaskId(), status.getAttempt(), progress.total()));
        });
    }

    /** The partition reports so far of the report's attempt; empty for an unknown task or an older attempt. */
    private static Optional<PartitionProgress> attemptProgress(TrackedRun run, TaskStatus status) {
        String task = status.getTaskId();
        if (!run.state().tasks().containsKey(task)) {
            return Optional.empty();
        }
        PartitionProgress known = run.partitions().get(task);
        if (known != null && known.attempt() > status.getAttempt()) {
            return Optional.empty();
        }
        return Optional.of(known == null || known.attempt() < status.getAttempt()
                ? PartitionProgress.of(status.getAttempt(), status.getPartitions())
                : known);
    }

    static RecordCounts counts(TaskCounts counts) {
        return counts == null ? RecordCounts.ZERO
                : new RecordCounts(counts.getRecordsIn(), counts.getRecordsOut(), counts.getRecordsRejected(),
                        counts.getRecordsDropped());
    }
}
