package io.conveyor.scheduler.schedule;

import io.conveyor.pipeline.cron.CronSchedule;
import io.conveyor.pipeline.spec.CatchupPolicy;
import io.conveyor.pipeline.spec.PipelineSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which logical times of a pipeline's cron schedule to fire.
 *
 * <p>The fire times after the last one dealt with and up to now are due. A due time at most
 * {@code onTimeTolerance} old is <em>on time</em> and always fires: a scheduler that ticks every
 * second sees its fire times a little late, and that is not downtime. Older due times were
 * <em>missed</em> (the scheduler was down or stalled), and the pipeline's catch-up policy decides
 * which of them fire: {@code none} skips them, {@code latest} fires the most recent one, {@code all}
 * fires the most recent {@code maxCatchupRuns} of them, oldest first (older ones are skipped, so
 * catch-up after a long outage stays bounded). Skipped times count as dealt with.
 *
 * <p>Missed times are scanned lazily and only the last {@code maxCatchupRuns} are kept, so memory is
 * bounded however long the outage was. Thread-safe and stateless.
 */
public final class ScheduleCalculator {

    private final Duration onTimeTolerance;

    public ScheduleCalculator(Duration onTimeTolerance) {
        if (onTimeTolerance.isNegative()) {
            throw new IllegalArgumentException("onTimeTolerance must not be negative: " + onTimeTolerance);
        }
        this.onTimeTolerance = onTimeTolerance;
    }

    /**
     * @param lastScheduled the latest fire time already dealt with (for a pipeline never scheduled
     *                      before: when it was deployed)
     */
    public FirePlan due(PipelineSpec pipeline, Instant lastScheduled, Instant now) {
        Objects.requireNonNull(lastScheduled, "lastScheduled");
        Objects.requireNonNull(now, "now");
        Optional<CronSchedule> schedule = pipeline.schedule();
        if (schedule.isEmpty() || !now.isAfter(lastScheduled)) {
            return FirePlan.nothingDue();
        }
        Instant onTimeFrom = now.minus(onTimeTolerance);
        DueTimes due = new DueTimes(missedToKeep(pipeline));
        schedule.get().between(lastScheduled, now, pipeline.timezone())
                .map(ZonedDateTime::toInstant)
                .forEach(time -> due.add(time, time.isBefore(onTimeFrom)));
        return due.plan();
    }

    private static int missedToKeep(PipelineSpec pipeline) {
        CatchupPolicy policy = pipeline.catchup();
        if (policy == CatchupPolicy.NONE) {
            return 0;
        }
        return policy == CatchupPolicy.LATEST ? 1 : pipeline.maxCatchupRuns();
    }

    /** Collects due times, keeping only the most recent {@code keepMissed} missed ones. */
    private static final class DueTimes {

        private final int keepMissed;
        private final Deque<Instant> missed = new ArrayDeque<>();
        private final List<Instant> onTime = new ArrayList<>();
        private Optional<Instant> latest = Optional.empty();

        DueTimes(int keepMissed) {
            this.keepMissed = keepMissed;
        }

        void add(Instant time, boolean isMissed) {
            latest = Optional.of(time);
            if (!isMissed) {
                onTime.add(time);
            } else if (keepMissed > 0) {
                if (missed.size() == keepMissed) {
                    missed.removeFirst();
                }
                missed.addLast(time);
            }
        }

        FirePlan plan() {
            List<Instant> fire = new ArrayList<>(missed);
            fire.addAll(onTime);
            return latest.isEmpty() ? FirePlan.nothingDue() : new FirePlan(fire, latest);
        }
    }
}
