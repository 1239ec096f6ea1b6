package io.conveyor.scheduler.health;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.reactivestreams.Publisher;

/**
 * {@code /health/liveness}: down when the cron ticker died or a scheduling pass has not returned for
 * {@code conveyor.health.stuck-after} (10 minutes by default).
 */
@Singleton
@Liveness
@Requires(env = SchedulerApplication.ENVIRONMENT)
final class SchedulerLiveness implements HealthIndicator {

    private final SchedulerHealth health;
    private final Duration stuckAfter;

    SchedulerLiveness(SchedulerHealth health, @Property(name = "conveyor.health.stuck-after", defaultValue = "10m") Duration stuckAfter) {
        this.health = health;
        this.stuckAfter = stuckAfter;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthVerdict verdict = health.loops().liveness(stuckAfter);
        return Publishers.just(HealthResult.builder("scheduler-loops", verdict.up() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(verdict.details()).build());
    }
}
