package io.conveyor.scheduler.trigger;

import io.conveyor.pipeline.cron.CronSchedule;
import io.conveyor.pipeline.spec.PipelineSpec;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/** The logical times a backfill of {@code [from, to]} stands for: the schedule's fire times in that range. */
public final class Backfill {

    private final int maxRuns;

    /** @param maxRuns the most fire times one backfill may cover */
    public Backfill(int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be positive: " + maxRuns);
        }
        this.maxRuns = maxRuns;
    }

    /**
     * @throws InvalidTriggerException when the pipeline has no schedule, the range is reversed or it
     *                                 holds more than {@code maxRuns} fire times
     */
    public List<Instant> fireTimes(PipelineSpec pipeline, Instant from, Instant to) {
        CronSchedule schedule = pipeline.schedule().orElseThrow(() -> new InvalidTriggerException("pipeline",
                "pipeline " + pipeline.name() + " has no schedule, so a range of it has no fire times"));
        if (to.isBefore(from)) {
            throw new InvalidTriggerException("to", "'to' (" + to + ") is before 'from' (" + from + ")");
        }
        List<Instant> times = schedule.between(from.minusNanos(1), to, pipeline.timezone())
                .limit(maxRuns + 1L)
                .map(ZonedDateTime::toInstant)
                .toList();
        if (times.size() > maxRuns) {
            throw new InvalidTriggerException("to", "the range " + from + " to " + to + " holds more than " + maxRuns
                    + " fire times of '" + schedule.expression() + "'; backfill it in smaller ranges");
        }
        return times;
    }
}
