package io.conveyor.scheduler.dag;

/**
 * Records read, written, rejected and dropped by a task attempt or a whole run. Every record read is
 * exactly one of the others, so workers report {@code recordsIn = recordsOut + recordsRejected +
 * recordsDropped}, and sums of such counts keep it. Dropped records were removed on purpose
 * (duplicates, filters), so they never count against the reject threshold.
 */
public record RecordCounts(long recordsIn, long recordsOut, long recordsRejected, long recordsDropped) {

    public static final RecordCounts ZERO = new RecordCounts(0, 0, 0, 0);

    public RecordCounts {
        if (recordsIn < 0 || recordsOut < 0 || recordsRejected < 0 || recordsDropped < 0) {
            throw new IllegalArgumentException("record counts must not be negative: in=" + recordsIn
                    + " out=" + recordsOut + " rejected=" + recordsRejected + " dropped=" + recordsDropped);
        }
    }

    public RecordCounts plus(RecordCounts other) {
        return new RecordCounts(recordsIn + other.recordsIn, recordsOut + other.recordsOut,
                recordsRejected + other.recordsRejected, recordsDropped + other.recordsDropped);
    }

    /**
     * Field-wise maximum. Workers report cumulative counts per attempt, so the maximum is the
     * newest value whatever order the reports arrive in.
     */
    public RecordCounts max(RecordCounts other) {
        return new RecordCounts(Math.max(recordsIn, other.recordsIn), Math.max(recordsOut, other.recordsOut),
                Math.max(recordsRejected, other.recordsRejected), Math.max(recordsDropped, other.recordsDropped));
    }

    /** Whether every record read is accounted for: in = out + rejected + dropped. */
    public boolean balanced() {
        return recordsIn == recordsOut + recordsRejected + recordsDropped;
    }

    /** Rejected records as a share of the records read; a reject without any input counts as 1. */
    public double rejectRate() {
        if (recordsRejected == 0) {
            return 0.0;
        }
        return recordsIn == 0 ? 1.0 : Math.min(1.0, (double) recordsRejected / recordsIn);
    }
}
