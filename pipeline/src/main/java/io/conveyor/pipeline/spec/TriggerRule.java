package io.conveyor.pipeline.spec;

/** When a task may start, judged by the outcomes of the tasks it depends on. */
public enum TriggerRule {
    /** Every upstream task succeeded (the default). */
    ALL_SUCCESS,
    /** Every upstream task finished, whatever its outcome. */
    ALL_DONE,
    /** At least one upstream task failed. */
    ONE_FAILED,
    /** No upstream task failed; skipped ones are fine. */
    NONE_FAILED
}
