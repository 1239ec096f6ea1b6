package io.conveyor.transformer.service;

import io.conveyor.dataplane.health.HealthVerdict;
import io.conveyor.transformer.TransformerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * {@code /health/readiness}: down until the transformer's consumers have joined their groups (or been assigned their
 * partitions) and while Kafka or the schema registry does not answer, with what is missing in the details.
 */
@Singleton
@Readiness
@Requires(env = TransformerApplication.ENVIRONMENT)
final class TransformerReadiness implements HealthIndicator {

    private final TransformerLifecycle lifecycle;

    TransformerReadiness(TransformerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthVerdict verdict = lifecycle.health().readiness();
        return Publishers.just(HealthResult.builder("transformer-dependencies", verdict.up() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(verdict.details()).build());
    }
}
