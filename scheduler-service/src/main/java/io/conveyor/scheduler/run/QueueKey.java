package io.conveyor.scheduler.run;

import java.time.Instant;
import java.util.Locale;

/**
 * String keys whose byte order (UTF-8, as a key-value store such as RocksDB compares them) is the
 * queue order of {@link RunAdmission#QUEUE_ORDER} within a pipeline, so that the head of a
 * pipeline's queue is a prefix scan away however many runs wait.
 */
public final class QueueKey {

    private QueueKey() {
    }

    /**
     * The key prefix shared by the queued runs of a pipeline and no other. The name's length comes
     * first so that pipeline "a" is not a prefix of pipeline "ab".
     */
    public static String prefix(String pipeline) {
        return String.format(Locale.ROOT, "%08x", pipeline.length()) + pipeline;
    }

    public static String of(QueuedRun run) {
        return prefix(run.pipeline()) + priorityPart(run.priority()) + timePart(run.queuedAt()) + run.runId();
    }

    /** Higher priorities must sort first, so the key holds the distance to the highest one. */
    private static String priorityPart(int priority) {
        return String.format(Locale.ROOT, "%08x", (long) Integer.MAX_VALUE - priority);
    }

    /** Flipping the sign bit turns signed order into unsigned hex order, for instants before 1970 too. */
    private static String timePart(Instant instant) {
        return String.format(Locale.ROOT, "%016x%08x", instant.getEpochSecond() ^ Long.MIN_VALUE, instant.getNano());
    }
}
