package io.conveyor.scheduler.tracker;

import io.conveyor.control.RunIds;
import io.conveyor.scheduler.dag.RunStatus;
import io.conveyor.scheduler.run.QueueKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The runs of one stream task and their indexes, kept consistent with each other. Everything is
 * in the stores (on disk); only the active run ids of one tick are ever held in memory.
 */
final class RunBook {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, TrackedRun> runs;
    private final KeyValueStore<String, String> byTime;
    private final KeyValueStore<String, String> byPipeline;
    private final KeyValueStore<String, String> active;
    private final KeyValueStore<String, String> queue;

    RunBook(ProcessingContext context) {
        this.runs = context.getStateStore(TrackerStores.RUNS);
        this.byTime = context.getStateStore(TrackerStores.RUNS_BY_TIME);
        this.byPipeline = context.getStateStore(TrackerStores.RUNS_BY_PIPELINE);
        this.active = context.getStateStore(TrackerStores.ACTIVE);
        this.queue = context.getStateStore(TrackerStores.QUEUE);
    }

    Optional<TrackedRun> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    void add(TrackedRun run) {
        Instant created = run.state().createdAt();
        byTime.put(RunKeys.newestFirst(created, run.runId()), run.runId());
        byPipeline.put(RunKeys.newestFirst(run.pipeline(), created, run.runId()), run.runId());
        save(run);
    }

    /** Stores the run and keeps the active and queue indexes in step with its status. */
    void save(TrackedRun run) {
        runs.put(run.runId(), run);
        String activeKey = RunKeys.active(run.pipeline(), run.runId());
        if (run.state().status() == RunStatus.RUNNING) {
            active.put(activeKey, run.runId());
        } else {
            deleteIfPresent(active, activeKey);
        }
        if (run.state().status() != RunStatus.QUEUED) {
            deleteIfPresent(queue, QueueKey.of(run.queued()));
        }
    }

    /**
     * Deleting an absent key still writes a RocksDB tombstone, and the prefix scans of
     * {@link #activeRuns} and {@link #headOfQueue} step over every tombstone in their range: with
     * every queued run leaving one, each admission would scan all the queued runs. A point lookup
     * (bloom filter) is far cheaper.
     */
    private static void deleteIfPresent(KeyValueStore<String, String> store, String key) {
        if (store.get(key) != null) {
            store.delete(key);
        }
    }

    void enqueue(TrackedRun run) {
        queue.put(QueueKey.of(run.queued()), run.runId());
    }

    void dequeue(TrackedRun run) {
        queue.delete(QueueKey.of(run.queued()));
    }

    /** The next queued run of the pipeline in priority-then-FIFO order. */
    Optional<TrackedRun> headOfQueue(String pipeline) {
        try (KeyValueIterator<String, String> head = queue.prefixScan(QueueKey.prefix(pipeline), KEYS)) {
            return head.hasNext() ? find(head.next().value) : Optional.empty();
        }
    }

    int activeRuns(String pipeline) {
        int count = 0;
        try (KeyValueIterator<String, String> it = active.prefixScan(RunKeys.pipelinePrefix(pipeline), KEYS)) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }

    List<String> activeRunIds() {
        return values(active);
    }

    List<String> queuedRunIds() {
        return values(queue);
    }

    private static List<String> values(KeyValueStore<String, String> index) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, String> it = index.all()) {
            it.forEachRemaining(entry -> ids.add(entry.value));
        }
        return ids;
    }

    /**
     * Deletes finished runs that finished before {@code cutoff}, visiting runs oldest first and
     * stopping at the first one created after the cutoff (it cannot have finished before it).
     */
    int expire(Instant cutoff, int limit) {
        List<TrackedRun> expired = new ArrayList<>();
        try (KeyValueIterator<String, String> oldestFirst = byTime.reverseAll()) {
            while (oldestFirst.hasNext() && expired.size() < limit) {
                KeyValue<String, String> entry = oldestFirst.next();
                TrackedRun run = runs.get(entry.value);
                if (run == null) {
                    continue;
                }
                if (!run.state().createdAt().isBefore(cutoff)) {
                    break;
                }
                if (run.state().finishedAt().filter(finished -> finished.isBefore(cutoff)).isPresent()) {
                    expired.add(run);
                }
            }
        }
        expired.forEach(this::delete);
        return expired.size();
    }

    private void delete(TrackedRun run) {
        Instant created = run.state().createdAt();
        byTime.delete(RunKeys.newestFirst(created, run.runId()));
        byPipeline.delete(RunKeys.newestFirst(run.pipeline(), created, run.runId()));
        runs.delete(run.runId());
    }
}
