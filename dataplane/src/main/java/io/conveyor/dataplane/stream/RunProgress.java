package io.conveyor.dataplane.stream;

import io.conveyor.control.TaskCounts;
import io.conveyor.dataplane.EndMarker;
import io.conveyor.dataplane.PartitionProgress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One run's progress in one input partition: what arrived, what was rejected, and how many
 * records went to each output partition (the counts its END markers announce).
 */
public record RunProgress(PartitionProgress input, long rejected, List<Long> written) {

    public RunProgress {
        written = List.copyOf(written);
    }

    public static RunProgress start(int outputPartitions) {
        return new RunProgress(PartitionProgress.NONE, 0, Collections.nCopies(outputPartitions, 0L));
    }

    public RunProgress withWritten(int partition) {
        List<Long> next = new ArrayList<>(written);
        next.set(partition, next.get(partition) + 1);
        return new RunProgress(input.withRecord(), rejected, next);
    }

    public RunProgress withRejected() {
        return new RunProgress(input.withRecord(), rejected + 1, written);
    }

    /** A record filtered out on purpose (dropped or duplicate): counted in, neither out nor rejected. */
    public RunProgress withSkipped() {
        return new RunProgress(input.withRecord(), rejected, written);
    }

    public RunProgress withEnd(EndMarker marker) {
        return new RunProgress(input.withEnd(marker), rejected, written);
    }

    public TaskCounts counts() {
        long out = written.stream().mapToLong(Long::longValue).sum();
        return new TaskCounts(input.records(), out, rejected);
    }
}
