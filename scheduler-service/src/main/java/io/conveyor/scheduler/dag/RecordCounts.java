package io.conveyor.scheduler.dag;

/** Records read, written and rejected by a task attempt or a whole run. */
public record RecordCounts(long recordsIn, long recordsOut, long recordsRejected) {

    public static final RecordCounts ZERO = new RecordCounts(0, 0, 0);

    public RecordCounts {
        if (recordsIn < 0 || recordsOut < 0 || recordsRejected < 0) {
            throw new IllegalArgumentException("record counts must not be negative: in=" + recordsIn
                    + " out=" + recordsOut + " rejected=" + recordsRejected);
        }
    }

    public RecordCounts plus(RecordCounts other) {
        return new RecordCounts(recordsIn + other.recordsIn, recordsOut + other.recordsOut,
                recordsRejected + other.recordsRejected);
    }

    /**
     * Field-wise maximum. Workers report cumulative counts per attempt, so the maximum is the
     * newest value whatever order the reports arrive in.
     */
    public RecordCounts max(RecordCounts other) {
        return new RecordCounts(Math.max(recordsIn, other.recordsIn), Math.max(recordsOut, other.recordsOut),
                Math.max(recordsRejected, other.recordsRejected));
    }

    /** Rejected records as a share of the records read; a reject without any input counts as 1. */
    public double rejectRate() {
        if (recordsRejected == 0) {
            return 0.0;
        }
        return recordsIn == 0 ? 1.0 : Math.min(1.0, (double) recordsRejected / recordsIn);
    }
}
