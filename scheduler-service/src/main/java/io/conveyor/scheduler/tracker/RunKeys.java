package io.conveyor.scheduler.tracker;

import io.conveyor.scheduler.run.QueueKey;
import java.time.Instant;
import java.util.Locale;

/**
 * Keys of the run indexes. Their byte order (as RocksDB compares them) is newest first, so a
 * page of run history is a forward scan from the start (all runs) or from a pipeline's prefix.
 */
public final class RunKeys {

    private RunKeys() {
    }

    /** Key of the index of all runs, newest first. */
    public static String newestFirst(Instant createdAt, String runId) {
        return inverted(createdAt) + runId;
    }

    /** Key of the index of one pipeline's runs, newest first; see {@link #pipelinePrefix}. */
    public static String newestFirst(String pipeline, Instant createdAt, String runId) {
        return pipelinePrefix(pipeline) + newestFirst(createdAt, runId);
    }

    /** Shared by the keys of one pipeline and no other (the name's length comes first, see {@link QueueKey}). */
    public static String pipelinePrefix(String pipeline) {
        return QueueKey.prefix(pipeline);
    }

    /** Key of the index of a pipeline's active runs. */
    public static String active(String pipeline, String runId) {
        return pipelinePrefix(pipeline) + runId;
    }

    private static String inverted(Instant instant) {
        return String.format(Locale.ROOT, "%016x", Long.MAX_VALUE - instant.toEpochMilli());
    }
}
