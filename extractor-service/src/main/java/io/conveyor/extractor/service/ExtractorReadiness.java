package io.conveyor.extractor.service;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.dataplane.health.micronaut.VerdictIndicator;
import io.conveyor.extractor.ExtractorApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

/**
 * {@code /health/readiness}: down until the extractor's consumers have joined their groups (or been assigned their
 * partitions) and while Kafka or the schema registry does not answer, with what is missing in the details.
 */
@Singleton
@Readiness
@Requires(env = ExtractorApplication.ENVIRONMENT)
final class ExtractorReadiness extends VerdictIndicator {

    private final ExtractorService lifecycle;

    ExtractorReadiness(ExtractorService lifecycle) {
        super("extractor-dependencies");
        this.lifecycle = lifecycle;
    }

    @Override
    protected HealthVerdict verdict() {
        return lifecycle.health().readiness();
    }
}
