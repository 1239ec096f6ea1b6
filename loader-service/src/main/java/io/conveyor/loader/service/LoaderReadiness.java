package io.conveyor.loader.service;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.loader.LoaderApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * {@code /health/readiness}: down until the loader's consumers have joined their groups (or been assigned their
 * partitions) and while Kafka or the schema registry does not answer, with what is missing in the details.
 */
@Singleton
@Readiness
@Requires(env = LoaderApplication.ENVIRONMENT)
final class LoaderReadiness implements HealthIndicator {

    private final LoaderLifecycle lifecycle;

    LoaderReadiness(LoaderLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthVerdict verdict = lifecycle.health().readiness();
        return Publishers.just(HealthResult.builder("loader-dependencies", verdict.up() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(verdict.details()).build());
    }
}
