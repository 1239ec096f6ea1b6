package io.conveyor.pipeline.spec;

/**
 * When a task may run, judged from the end states of its upstream tasks (Airflow's trigger rules).
 * The scheduler's run machine applies them; its release and skip semantics are described on
 * {@code io.conveyor.scheduler.dag.RunMachine}.
 */
public enum TriggerRule {
    /** Every upstream task succeeded. The default. */
    ALL_SUCCESS,
    /** Every upstream task ended, however it ended. */
    ALL_DONE,
    /** At least one upstream task failed; released without waiting for the others. */
    ONE_FAILED,
    /** Every upstream task ended and none failed; skipped upstream tasks are fine. */
    NONE_FAILED
}
