package io.conveyor.extractor.batch;

import io.conveyor.control.TaskCounts;

/** How an extraction attempt ended. */
public sealed interface Outcome {

    /** Every item is committed with the END markers; also when a redelivered command finds the task done. */
    record Succeeded(TaskCounts counts) implements Outcome {
    }

    record Failed(String reason) implements Outcome {
    }

    /** Stopped at a batch boundary by a CANCEL command or a shutdown; the open transaction was aborted. */
    record Stopped() implements Outcome {
    }
}
