package io.conveyor.extractor.batch;

import io.conveyor.control.TaskCounts;
import io.conveyor.extractor.checkpoint.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/**
 * The counts of one (run, task) so far, and where its next data record goes: keyed records to the
 * partition Kafka's default partitioner would pick, unkeyed ones round robin by their sequence
 * number, which a resume continues, so a restarted extractor places records as the first one did.
 */
final class ExtractionProgress {

    private final long[] partitionCounts;
    private long recordsIn;
    private long recordsOut;
    private long recordsRejected;

    private ExtractionProgress(long[] partitionCounts, long recordsIn, long recordsOut, long recordsRejected) {
        this.partitionCounts = partitionCounts;
        this.recordsIn = recordsIn;
        this.recordsOut = recordsOut;
        this.recordsRejected = recordsRejected;
    }

    static ExtractionProgress fresh(int partitions) {
        return new ExtractionProgress(new long[partitions], 0, 0, 0);
    }

    static ExtractionProgress resumed(Checkpoint checkpoint, int partitions) {
        if (checkpoint.partitionCounts().size() != partitions) {
            throw new IllegalStateException("the output topic had " + checkpoint.partitionCounts().size()
                    + " partitions when run " + checkpoint.runId() + " began and has " + partitions + " now");
        }
        long[] counts = checkpoint.partitionCounts().stream().mapToLong(Long::longValue).toArray();
        return new ExtractionProgress(counts, checkpoint.recordsIn(), checkpoint.recordsOut(), checkpoint.recordsRejected());
    }

    /** Counts a data record and returns its partition. */
    int placeRecord(Optional<String> key) {
        return placeRecord(key.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null));
    }

    /** Keyed records go where Kafka's default partitioner would put them (murmur2), unkeyed ones round robin. */
    int placeRecord(byte[] key) {
        int partition = key != null ? Utils.toPositive(Utils.murmur2(key)) % partitionCounts.length
                : (int) (recordsOut % partitionCounts.length);
        partitionCounts[partition]++;
        recordsIn++;
        recordsOut++;
        return partition;
    }

    void countReject() {
        recordsIn++;
        recordsRejected++;
    }

    int partitions() {
        return partitionCounts.length;
    }

    long count(int partition) {
        return partitionCounts[partition];
    }

    long recordsIn() {
        return recordsIn;
    }

    long recordsRejected() {
        return recordsRejected;
    }

    TaskCounts counts() {
        return new TaskCounts(recordsIn, recordsOut, recordsRejected, 0L);
    }

    Checkpoint checkpoint(String runId, String taskId, int attempt, String position, boolean finished) {
        List<Long> counts = Arrays.stream(partitionCounts).boxed().toList();
        return new Checkpoint(runId, taskId, attempt, position, recordsIn, recordsOut, recordsRejected, counts, finished);
    }
}
