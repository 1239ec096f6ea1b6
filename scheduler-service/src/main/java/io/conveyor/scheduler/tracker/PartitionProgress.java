package io.conveyor.scheduler.tracker;

import io.conveyor.scheduler.dag.RecordCounts;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-partition reports of one task attempt (completion protocol, docs/architecture.md): the
 * attempt is complete when every one of its {@code partitions} input partitions reported
 * PARTITION_DONE. A repeated report replaces the earlier one for its partition, so duplicates are
 * harmless. PROGRESS reports of partitions not done yet count towards the total (the largest
 * counts reported per partition) until their PARTITION_DONE replaces them, so the task's counts
 * grow while it runs.
 *
 * @param running the latest PROGRESS counts of partitions without PARTITION_DONE (absent in runs stored before it existed)
 */
public record PartitionProgress(int attempt, int partitions, Map<Integer, RecordCounts> done,
                                Map<Integer, RecordCounts> running) {

    public PartitionProgress {
        if (partitions < 1) {
            throw new IllegalArgumentException("a task has at least one input partition, was " + partitions);
        }
        done = Map.copyOf(done);
        running = running == null ? Map.of() : Map.copyOf(running);
    }

    public static PartitionProgress of(int attempt, int partitions) {
        return new PartitionProgress(attempt, partitions, Map.of(), Map.of());
    }

    public PartitionProgress record(int partition, RecordCounts counts) {
        requireKnown(partition);
        var nextDone = new HashMap<>(done);
        nextDone.put(partition, counts);
        var nextRunning = new HashMap<>(running);
        nextRunning.remove(partition);
        return new PartitionProgress(attempt, partitions, nextDone, nextRunning);
    }

    /**
     * A partition's counts so far; ignored once the partition is done (a late report must not undo
     * it). A partition's counts only grow within an attempt: a report with smaller counts than an
     * earlier one (a worker that restarted and counts again from its last committed position, a
     * report delayed behind a newer one) keeps the larger, so the task's counts never go backwards
     * while it runs. Its PARTITION_DONE then sets the exact counts.
     */
    public PartitionProgress progress(int partition, RecordCounts counts) {
        requireKnown(partition);
        if (done.containsKey(partition)) {
            return this;
        }
        var nextRunning = new HashMap<>(running);
        nextRunning.merge(partition, counts, RecordCounts::max);
        return new PartitionProgress(attempt, partitions, done, nextRunning);
    }

    public boolean complete() {
        return done.size() == partitions;
    }

    public RecordCounts total() {
        RecordCounts finished = done.values().stream().reduce(RecordCounts.ZERO, RecordCounts::plus);
        return running.values().stream().reduce(finished, RecordCounts::plus);
    }

    private void requireKnown(int partition) {
        if (partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("partition " + partition + " is outside 0.." + (partitions - 1));
        }
    }
}
