package io.conveyor.scheduler.dag;

import java.time.Instant;
import java.util.Optional;

/**
 * When a task moved, in the tracker's time.
 *
 * @param releasedAt the first dispatch of the task
 * @param dispatchedAt the dispatch of the current attempt; its timeout runs from here
 * @param startedAt the start report (or first progress report) of the current attempt
 * @param finishedAt when the task reached its terminal status
 * @param retryAt when the next attempt is due while {@link TaskStatus#RETRYING}
 */
public record TaskTimings(
        Optional<Instant> releasedAt,
        Optional<Instant> dispatchedAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<Instant> retryAt) {

    public static final TaskTimings NONE =
            new TaskTimings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    TaskTimings dispatched(Instant now) {
        return new TaskTimings(releasedAt.or(() -> Optional.of(now)), Optional.of(now), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    TaskTimings started(Instant now) {
        return new TaskTimings(releasedAt, dispatchedAt, startedAt.or(() -> Optional.of(now)), finishedAt, retryAt);
    }

    TaskTimings finished(Instant now) {
        return new TaskTimings(releasedAt, dispatchedAt, startedAt, Optional.of(now), Optional.empty());
    }

    TaskTimings retryingAt(Instant due) {
        return new TaskTimings(releasedAt, dispatchedAt, startedAt, finishedAt, Optional.of(due));
    }
}
