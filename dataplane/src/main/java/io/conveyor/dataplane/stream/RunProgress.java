package io.conveyor.dataplane.stream;

import io.conveyor.control.TaskCounts;
import io.conveyor.dataplane.EndMarker;
import io.conveyor.dataplane.PartitionTally;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One run's progress in one input partition: what arrived, what was rejected, what was dropped on
 * purpose, and how many records went to each output partition (the counts its END markers
 * announce). Every record that arrived is exactly one of written, rejected or dropped, so the
 * counts always add up: in = out + rejected + dropped. Stored as JSON in the committed offset's
 * metadata ({@link LedgerCodec}); metadata written before {@code dropped} existed reads it as 0.
 */
public record RunProgress(PartitionTally input, long rejected, long dropped, List<Long> written) {

    public RunProgress {
        written = List.copyOf(written);
    }

    public static RunProgress start(int outputPartitions) {
        return new RunProgress(PartitionTally.NONE, 0, 0, Collections.nCopies(outputPartitions, 0L));
    }

    public RunProgress withWritten(int partition) {
        List<Long> next = new ArrayList<>(written);
        next.set(partition, next.get(partition) + 1);
        return new RunProgress(input.withRecord(), rejected, dropped, next);
    }

    public RunProgress withRejected() {
        return new RunProgress(input.withRecord(), rejected + 1, dropped, written);
    }

    /** A record removed on purpose (a duplicate, or dropped by a filter or plug-in): counted in and dropped. */
    public RunProgress withDropped() {
        return new RunProgress(input.withRecord(), rejected, dropped + 1, written);
    }

    public RunProgress withEnd(EndMarker marker) {
        return new RunProgress(input.withEnd(marker), rejected, dropped, written);
    }

    public TaskCounts counts() {
        long out = written.stream().mapToLong(Long::longValue).sum();
        return new TaskCounts(input.records(), out, rejected, dropped);
    }
}
