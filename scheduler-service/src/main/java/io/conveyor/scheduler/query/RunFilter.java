package io.conveyor.scheduler.query;

import io.conveyor.scheduler.dag.RunStatus;
import java.util.Optional;

/**
 * What GET /runs asks for. Offset paging costs offset + limit index entries per partition, which
 * is why clients are held to {@link #MAX_LIMIT} runs per page.
 */
public record RunFilter(Optional<String> pipeline, Optional<RunStatus> status, int offset, int limit) {

    public static final int MAX_LIMIT = 1000;

    public RunFilter {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    public boolean matches(RunSummary run) {
        return status.map(wanted -> run.status() == wanted).orElse(true);
    }

    /** The same filter from the first run on, as far as this page reaches: what each partition or instance must return. */
    public RunFilter fromStart() {
        return new RunFilter(pipeline, status, 0, offset + limit);
    }
}
