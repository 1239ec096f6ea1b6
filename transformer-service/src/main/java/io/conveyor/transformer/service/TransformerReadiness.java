package io.conveyor.transformer.service;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.dataplane.health.micronaut.VerdictIndicator;
import io.conveyor.transformer.TransformerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

/**
 * {@code /health/readiness}: down until the transformer's consumers have joined their groups (or been assigned their
 * partitions) and while Kafka or the schema registry does not answer, with what is missing in the details.
 */
@Singleton
@Readiness
@Requires(env = TransformerApplication.ENVIRONMENT)
final class TransformerReadiness extends VerdictIndicator {

    private final TransformerLifecycle lifecycle;

    TransformerReadiness(TransformerLifecycle lifecycle) {
        super("transformer-dependencies");
        this.lifecycle = lifecycle;
    }

    @Override
    protected HealthVerdict verdict() {
        return lifecycle.health().readiness();
    }
}
