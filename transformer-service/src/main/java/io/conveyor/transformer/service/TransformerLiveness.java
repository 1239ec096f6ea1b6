package io.conveyor.transformer.service;

import io.conveyor.transformer.TransformerApplication;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.time.Duration;
import io.conveyor.dataplane.health.HealthVerdict;
import org.reactivestreams.Publisher;

/**
 * {@code /health/liveness}: down when one of the transformer's loops died or is stuck (owns work and has not come
 * round to poll for {@code conveyor.health.stuck-after}, 10 minutes by default: twice Kafka's
 * {@code max.poll.interval.ms}), with the loop and the reason in the details.
 */
@Singleton
@Liveness
@Requires(env = TransformerApplication.ENVIRONMENT)
final class TransformerLiveness implements HealthIndicator {

    private final TransformerLifecycle lifecycle;
    private final Duration stuckAfter;

    TransformerLiveness(TransformerLifecycle lifecycle, @Property(name = "conveyor.health.stuck-after", defaultValue = "10m") Duration stuckAfter) {
        this.lifecycle = lifecycle;
        this.stuckAfter = stuckAfter;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthVerdict verdict = lifecycle.health().liveness(stuckAfter);
        return Publishers.just(HealthResult.builder("transformer-loops", verdict.up() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(verdict.details()).build());
    }
}
