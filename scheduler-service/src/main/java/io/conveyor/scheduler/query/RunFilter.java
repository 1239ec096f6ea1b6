package io.conveyor.scheduler.query;

import io.conveyor.scheduler.dag.RunStatus;
import java.util.Optional;

/**
 * What GET /runs asks for. Offset paging costs offset + limit index entries per partition, which
 * is why clients are held to {@link #MAX_LIMIT} runs per page and offsets to {@link #MAX_OFFSET}. A
 * forwarded ({@code local=true}) request asks for the whole prefix of a page, offset + limit runs
 * from the start, so its limit may reach {@link #MAX_LOCAL_LIMIT}; beyond that offset + limit would
 * overflow an int and a partition scan would never end.
 */
public record RunFilter(Optional<String> pipeline, Optional<RunStatus> status, int offset, int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int MAX_OFFSET = 100_000;
    public static final int MAX_LOCAL_LIMIT = MAX_OFFSET + MAX_LIMIT;

    public RunFilter {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset must be at most " + MAX_OFFSET + ", was " + offset);
        }
        if (limit > MAX_LOCAL_LIMIT) {
            throw new IllegalArgumentException("limit must be at most " + MAX_LOCAL_LIMIT + " (with local=true), was "
                    + limit);
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
