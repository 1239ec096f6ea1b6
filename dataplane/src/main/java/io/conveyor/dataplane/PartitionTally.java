package io.conveyor.dataplane;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one consumer has seen of one run in one input partition: its data records and the END
 * markers of the producing shards. Immutable; each record or marker yields a new progress.
 *
 * @param records data records of the run seen in the partition
 * @param shards  how many shards produce into the partition; 0 until the first END marker
 * @param ends    count announced by each shard that has ended, by shard id
 */
public record PartitionTally(long records, int shards, Map<Integer, Long> ends) {

    public static final PartitionTally NONE = new PartitionTally(0, 0, Map.of());

    /** Whether the partition's input for the run is complete, and whether the counts agree. */
    public enum Completion { OPEN, COMPLETE, COUNT_MISMATCH }

    public PartitionTally {
        ends = Map.copyOf(ends);
    }

    public PartitionTally withRecord() {
        return new PartitionTally(records + 1, shards, ends);
    }

    public PartitionTally withEnd(EndMarker marker) {
        Map<Integer, Long> next = new TreeMap<>(ends);
        next.put(marker.shard(), marker.count());
        return new PartitionTally(records, marker.shards(), next);
    }

    /**
     * A shard writes its END after all of its records, in the same partition, so when every shard
     * has ended no record of the run can follow; the counts then must add up.
     */
    public Completion completion() {
        if (shards == 0 || ends.size() < shards) {
            return Completion.OPEN;
        }
        long announced = ends.values().stream().mapToLong(Long::longValue).sum();
        return announced == records ? Completion.COMPLETE : Completion.COUNT_MISMATCH;
    }

    public long announced() {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }
}
