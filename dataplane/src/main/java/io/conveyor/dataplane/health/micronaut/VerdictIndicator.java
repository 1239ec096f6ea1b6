package io.conveyor.dataplane.health.micronaut;

import io.conveyor.dataplane.health.HealthVerdict;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import org.reactivestreams.Publisher;

/**
 * A Micronaut health indicator that reports a {@link HealthVerdict} of the plain-Java health core:
 * UP or DOWN with the verdict's details (which loop, what is missing). Each service's liveness and
 * readiness indicators extend it and add only their bean annotations and where the verdict comes
 * from, so the endpoints of all services answer in one shape.
 */
public abstract class VerdictIndicator implements HealthIndicator {

    private final String name;

    protected VerdictIndicator(String name) {
        this.name = name;
    }

    /** The verdict now; called on every probe, so it must not block (the core's checks run in the background). */
    protected abstract HealthVerdict verdict();

    @Override
    public final Publisher<HealthResult> getResult() {
        HealthVerdict verdict = verdict();
        return Publishers.just(HealthResult.builder(name, verdict.up() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(verdict.details()).build());
    }
}
