package io.conveyor.scheduler.dag;

/**
 * Why a task was skipped. The distinction matters downstream: a task skipped because of an
 * upstream failure (Airflow's "upstream_failed") counts as a failure for trigger rules and for the
 * run outcome, any other skip does not.
 */
public enum SkipCause {
    /** An upstream failed, timed out or was itself skipped for that reason. */
    UPSTREAM_FAILED,
    /** An upstream of an all_success task was skipped for another reason. */
    UPSTREAM_SKIPPED,
    /** A one_failed task whose upstream tasks all ended without a failure. */
    NOTHING_FAILED
}
