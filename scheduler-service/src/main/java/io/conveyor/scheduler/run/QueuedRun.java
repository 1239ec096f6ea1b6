package io.conveyor.scheduler.run;

import java.time.Instant;
import java.util.Objects;

/** A run waiting for a free slot of its pipeline. Higher priority first, then first come first served. */
public record QueuedRun(String runId, String pipeline, int priority, Instant queuedAt) {

    public QueuedRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(pipeline, "pipeline of run " + runId);
        Objects.requireNonNull(queuedAt, "queuedAt of run " + runId);
    }
}
