package io.conveyor.dataplane;

import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds the task status reports a data-path service sends the DAG tracker (keyed by pipeline name). */
public final class TaskReports {

    /** A partition reports PROGRESS each time its input passes a multiple of this many records. */
    public static final long PROGRESS_EVERY = 10_000;

    private final String instance;
    private final Clock clock;

    public TaskReports(String instance, Clock clock) {
        this.instance = instance;
        this.clock = clock;
    }

    /**
     * Whether {@link #whileRunning} has anything to report when an input partition's records go from
     * {@code recordsBefore} to {@code recordsNow}; a worker asks it per record before building counts.
     */
    public static boolean reportsWhileRunning(long recordsBefore, long recordsNow) {
        return recordsBefore == 0 || recordsNow / PROGRESS_EVERY > recordsBefore / PROGRESS_EVERY;
    }

    /**
     * What an open input partition tells the tracker after some records: STARTED with the run's
     * first records there ({@code recordsBefore} is 0), PROGRESS with its counts each time its input
     * passes a multiple of {@link #PROGRESS_EVERY}; nothing otherwise.
     */
    public List<TaskStatus> whileRunning(TaskCommand command, int shard, int shards, long recordsBefore, TaskCounts counts) {
        if (!reportsWhileRunning(recordsBefore, counts.getRecordsIn())) {
            return List.of();
        }
        List<TaskStatus> statuses = new ArrayList<>(2);
        if (recordsBefore == 0) {
            statuses.add(started(command, shard, shards));
        }
        if (counts.getRecordsIn() / PROGRESS_EVERY > recordsBefore / PROGRESS_EVERY) {
            statuses.add(progress(command, shard, shards, counts));
        }
        return statuses;
    }

    /** The task attempt's first record arrived at input partition {@code shard}; the tracker ignores repeats. */
    TaskStatus started(TaskCommand command, int shard, int shards) {
        return base(command, TaskStatusType.STARTED, new TaskCounts(0L, 0L, 0L, 0L), null).setPartition(shard).setPartitions(shards)
                .build();
    }

    /** The counts so far of input partition {@code shard}; the tracker adds up the partitions. */
    TaskStatus progress(TaskCommand command, int shard, int shards, TaskCounts counts) {
        return base(command, TaskStatusType.PROGRESS, counts, null).setPartition(shard).setPartitions(shards).build();
    }

    /** Every record of input partition {@code shard} (of {@code shards}) is processed and committed. */
    public TaskStatus partitionDone(TaskCommand command, int shard, int shards, TaskCounts counts) {
        return base(command, TaskStatusType.PARTITION_DONE, counts, null).setPartition(shard).setPartitions(shards).build();
    }

    /** The task failed; {@code shard} is the input partition that found out, or null. */
    public TaskStatus failed(TaskCommand command, Integer shard, Integer shards, TaskCounts counts, String message) {
        return base(command, TaskStatusType.FAILED, counts, message).setPartition(shard).setPartitions(shards).build();
    }

    private TaskStatus.Builder base(TaskCommand command, TaskStatusType state, TaskCounts counts, String message) {
        return TaskStatus.newBuilder()
                .setRunId(command.getRunId())
                .setTaskId(command.getTaskId())
                .setAttempt(command.getAttempt())
                .setState(state)
                .setCounts(counts)
                .setMessage(message)
                .setInstance(instance)
                .setTime(clock.instant());
    }
}
