package io.conveyor.extractor.batch;

import io.conveyor.control.TaskCounts;

/** How an extraction attempt ended. */
public sealed interface ExtractionOutcome {

    /** Every item is committed with the END markers; also when a redelivered command finds the task done. */
    record Succeeded(TaskCounts counts) implements ExtractionOutcome {
    }

    record Failed(String reason) implements ExtractionOutcome {
    }

    /** Stopped at a batch boundary by a CANCEL command or a shutdown; the open transaction was aborted. */
    record Stopped() implements ExtractionOutcome {
    }
}
