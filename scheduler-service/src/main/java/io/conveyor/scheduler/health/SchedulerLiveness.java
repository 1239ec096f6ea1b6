package io.conveyor.scheduler.health;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.dataplane.health.micronaut.VerdictIndicator;
import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * {@code /health/liveness}: down when the cron ticker died or a scheduling pass has not returned for
 * {@code conveyor.health.stuck-after} (10 minutes by default).
 */
@Singleton
@Liveness
@Requires(env = SchedulerApplication.ENVIRONMENT)
final class SchedulerLiveness extends VerdictIndicator {

    private final SchedulerHealth health;
    private final Duration stuckAfter;

    SchedulerLiveness(SchedulerHealth health, @Property(name = "conveyor.health.stuck-after", defaultValue = "10m") Duration stuckAfter) {
        super("scheduler-loops");
        this.health = health;
        this.stuckAfter = stuckAfter;
    }

    @Override
    protected HealthVerdict verdict() {
        return health.loops().liveness(stuckAfter);
    }
}
