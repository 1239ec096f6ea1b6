package io.conveyor.scheduler.health;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.dataplane.health.micronaut.VerdictIndicator;
import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

/** {@code /health/readiness}: down while Kafka or the schema registry does not answer. */
@Singleton
@Readiness
@Requires(env = SchedulerApplication.ENVIRONMENT)
final class SchedulerReadiness extends VerdictIndicator {

    private final SchedulerHealth health;

    SchedulerReadiness(SchedulerHealth health) {
        super("scheduler-dependencies");
        this.health = health;
    }

    @Override
    protected HealthVerdict verdict() {
        return health.loops().readiness();
    }
}
