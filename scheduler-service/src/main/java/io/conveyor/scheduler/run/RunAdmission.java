package io.conveyor.scheduler.run;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The max-active-runs limit of one pipeline: which queued runs may start now.
 *
 * @param maxActiveRuns how many runs of the pipeline may run at once (started, not finished);
 *     {@link Integer#MAX_VALUE} for no limit
 */
public record RunAdmission(int maxActiveRuns) {

    /** Higher priority first, then earlier queue time, then run id so that ties are deterministic. */
    public static final Comparator<QueuedRun> QUEUE_ORDER = Comparator.comparingInt(QueuedRun::priority).reversed()
            .thenComparing(QueuedRun::queuedAt)
            .thenComparing(QueuedRun::runId);

    public RunAdmission {
        if (maxActiveRuns < 1) {
            throw new IllegalArgumentException("maxActiveRuns must be at least 1, was " + maxActiveRuns);
        }
    }

    /** How many more runs may start while {@code activeRuns} are running. */
    public int freeSlots(int activeRuns) {
        if (activeRuns < 0) {
            throw new IllegalArgumentException("activeRuns must not be negative, was " + activeRuns);
        }
        return Math.max(0, maxActiveRuns - activeRuns);
    }

    /**
     * The queued runs to start now, in queue order. For a queue too large to load, scan a store
     * keyed by {@link QueueKey} instead and take {@link #freeSlots} entries.
     */
    public List<QueuedRun> admit(int activeRuns, Collection<QueuedRun> queued) {
        requireOnePipeline(queued);
        return queued.stream().sorted(QUEUE_ORDER).limit(freeSlots(activeRuns)).toList();
    }

    private static void requireOnePipeline(Collection<QueuedRun> queued) {
        List<String> pipelines = queued.stream().map(QueuedRun::pipeline).distinct().toList();
        if (pipelines.size() > 1) {
            throw new IllegalArgumentException("admission is per pipeline, but the queue holds runs of " + pipelines);
        }
    }
}
