package io.conveyor.scheduler.tracker;

import io.conveyor.scheduler.dag.RecordCounts;
import java.util.HashMap;
import java.util.Map;

/**
 * The PARTITION_DONE reports of one task attempt (completion protocol, docs/architecture.md): the
 * attempt is complete when every one of its {@code partitions} input partitions reported. A
 * repeated report replaces the earlier one for its partition, so duplicates are harmless.
 */
public record PartitionProgress(int attempt, int partitions, Map<Integer, RecordCounts> done) {

    public PartitionProgress {
        if (partitions < 1) {
            throw new IllegalArgumentException("a task has at least one input partition, was " + partitions);
        }
        done = Map.copyOf(done);
    }

    public static PartitionProgress of(int attempt, int partitions) {
        return new PartitionProgress(attempt, partitions, Map.of());
    }

    public PartitionProgress record(int partition, RecordCounts counts) {
        if (partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("partition " + partition + " is outside 0.." + (partitions - 1));
        }
        var next = new HashMap<>(done);
        next.put(partition, counts);
        return new PartitionProgress(attempt, partitions, next);
    }

    public boolean complete() {
        return done.size() == partitions;
    }

    public RecordCounts total() {
        return done.values().stream().reduce(RecordCounts.ZERO, RecordCounts::plus);
    }
}
