package io.conveyor.transformer.service;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.dataplane.health.micronaut.VerdictIndicator;
import io.conveyor.transformer.TransformerApplication;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * {@code /health/liveness}: down when one of the transformer's loops died or is stuck (owns work and has not come
 * round to poll for {@code conveyor.health.stuck-after}, 10 minutes by default: twice Kafka's
 * {@code max.poll.interval.ms}), with the loop and the reason in the details.
 */
@Singleton
@Liveness
@Requires(env = TransformerApplication.ENVIRONMENT)
final class TransformerLiveness extends VerdictIndicator {

    private final TransformerLifecycle lifecycle;
    private final Duration stuckAfter;

    TransformerLiveness(TransformerLifecycle lifecycle, @Property(name = "conveyor.health.stuck-after", defaultValue = "10m") Duration stuckAfter) {
        super("transformer-loops");
        this.lifecycle = lifecycle;
        this.stuckAfter = stuckAfter;
    }

    @Override
    protected HealthVerdict verdict() {
        return lifecycle.health().liveness(stuckAfter);
    }
}
