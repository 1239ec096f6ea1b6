package io.conveyor.scheduler.tracker;

/**
 * The tracker's state stores. All are persistent (RocksDB) with a changelog, except the global
 * pipelines store, which is restored from the compacted pipelines topic itself.
 */
public final class TrackerStores {

    /** run id -> {@link TrackedRun} (JSON). */
    public static final String RUNS = "tracker-runs";
    /** {@link RunKeys#newestFirst(java.time.Instant, String)} -> run id. */
    public static final String RUNS_BY_TIME = "tracker-runs-by-time";
    /** {@link RunKeys#newestFirst(String, java.time.Instant, String)} -> run id. */
    public static final String RUNS_BY_PIPELINE = "tracker-runs-by-pipeline";
    /** {@link RunKeys#active} -> run id, for the runs that are RUNNING: what the punctuator visits. */
    public static final String ACTIVE = "tracker-active-runs";
    /** {@link io.conveyor.scheduler.run.QueueKey#of} -> run id, for the runs waiting for a slot. */
    public static final String QUEUE = "tracker-run-queue";
    /** pipeline name -> PipelineVersion (global). */
    public static final String PIPELINES = "tracker-pipelines";

    private TrackerStores() {
    }
}
