package io.conveyor.extractor.service;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.extractor.ExtractorApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * {@code /health/readiness}: down until the extractor's consumers have joined their groups (or been assigned their
 * partitions) and while Kafka or the schema registry does not answer, with what is missing in the details.
 */
@Singleton
@Readiness
@Requires(env = ExtractorApplication.ENVIRONMENT)
final class ExtractorReadiness implements HealthIndicator {

    private final ExtractorService lifecycle;

    ExtractorReadiness(ExtractorService lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthVerdict verdict = lifecycle.health().readiness();
        return Publishers.just(HealthResult.builder("extractor-dependencies", verdict.up() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(verdict.details()).build());
    }
}
