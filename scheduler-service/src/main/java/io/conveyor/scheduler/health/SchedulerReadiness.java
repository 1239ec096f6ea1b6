package io.conveyor.scheduler.health;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** {@code /health/readiness}: down while Kafka or the schema registry does not answer. */
@Singleton
@Readiness
@Requires(env = SchedulerApplication.ENVIRONMENT)
final class SchedulerReadiness implements HealthIndicator {

    private final SchedulerHealth health;

    SchedulerReadiness(SchedulerHealth health) {
        this.health = health;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthVerdict verdict = health.loops().readiness();
        return Publishers.just(HealthResult.builder("scheduler-dependencies", verdict.up() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(verdict.details()).build());
    }
}
