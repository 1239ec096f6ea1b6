package io.conveyor.pipeline.spec.sink;

/** How a table sink combines a run's records with the rows already there. */
public enum WriteMode {
    /** Insert every record. */
    APPEND,
    /** Insert new keys, update existing ones; needs key fields. */
    UPSERT,
    /** Replace the table's contents with the run's records. */
    REPLACE
}
