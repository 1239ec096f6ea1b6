package io.conveyor.extractor.service;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.dataplane.health.micronaut.VerdictIndicator;
import io.conveyor.extractor.ExtractorApplication;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * {@code /health/liveness}: down when one of the extractor's loops died or is stuck (owns work and has not come
 * round to poll for {@code conveyor.health.stuck-after}, 10 minutes by default: twice Kafka's
 * {@code max.poll.interval.ms}), with the loop and the reason in the details.
 */
@Singleton
@Liveness
@Requires(env = ExtractorApplication.ENVIRONMENT)
final class ExtractorLiveness extends VerdictIndicator {

    private final ExtractorService lifecycle;
    private final Duration stuckAfter;

    ExtractorLiveness(ExtractorService lifecycle, @Property(name = "conveyor.health.stuck-after", defaultValue = "10m") Duration stuckAfter) {
        super("extractor-loops");
        this.lifecycle = lifecycle;
        this.stuckAfter = stuckAfter;
    }

    @Override
    protected HealthVerdict verdict() {
        return lifecycle.health().liveness(stuckAfter);
    }
}
