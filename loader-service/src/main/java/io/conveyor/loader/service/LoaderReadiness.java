package io.conveyor.loader.service;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.dataplane.health.micronaut.VerdictIndicator;
import io.conveyor.loader.LoaderApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

/**
 * {@code /health/readiness}: down until the loader's consumers have joined their groups (or been assigned their
 * partitions) and while Kafka or the schema registry does not answer, with what is missing in the details.
 */
@Singleton
@Readiness
@Requires(env = LoaderApplication.ENVIRONMENT)
final class LoaderReadiness extends VerdictIndicator {

    private final LoaderLifecycle lifecycle;

    LoaderReadiness(LoaderLifecycle lifecycle) {
        super("loader-dependencies");
        this.lifecycle = lifecycle;
    }

    @Override
    protected HealthVerdict verdict() {
        return lifecycle.health().readiness();
    }
}
