package io.conveyor.scheduler.query;

import io.conveyor.scheduler.dag.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the run metrics show of a set of runs (docs/metrics.md): how many runs each pipeline has in
 * each status, and how long its most recently finished run took. Folded one run at a time.
 */
public final class RunTally {

    /** A pipeline and a status. */
    public record Key(String pipeline, RunStatus status) {
    }

    /** A pipeline's most recently finished run: its outcome and how long it ran. */
    public record LastFinished(RunStatus outcome, Instant finishedAt, Duration took) {
    }

    private final Map<Key, Long> runs = new HashMap<>();
    private final Map<String, LastFinished> lastFinished = new HashMap<>();

    public void add(RunSummary run) {
        runs.merge(new Key(run.pipeline(), run.status()), 1L, Long::sum);
        run.finishedAt().ifPresent(finished -> {
            // A run cancelled while queued never started: it took its time in the queue.
            Duration took = Duration.between(run.startedAt().orElse(run.createdAt()), finished);
            lastFinished.merge(run.pipeline(), new LastFinished(run.status(), finished, took),
                    (known, candidate) -> candidate.finishedAt().isAfter(known.finishedAt()) ? candidate : known);
        });
    }

    /** Every status of every pipeline seen, zero included, so that a queue that empties reads 0 rather than vanishing. */
    public Map<Key, Long> runs() {
        Map<Key, Long> all = new HashMap<>();
        runs.keySet().stream().map(Key::pipeline).distinct().forEach(pipeline -> {
            for (RunStatus status : RunStatus.values()) {
                all.put(new Key(pipeline, status), runs.getOrDefault(new Key(pipeline, status), 0L));
            }
        });
        return Map.copyOf(all);
    }

    public Map<String, LastFinished> lastFinished() {
        return Map.copyOf(lastFinished);
    }
}
