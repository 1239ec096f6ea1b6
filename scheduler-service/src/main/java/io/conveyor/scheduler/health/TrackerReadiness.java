package io.conveyor.scheduler.health;

import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.tracker.TrackerConfiguration;
import io.conveyor.scheduler.tracker.TrackerFactory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /health/readiness} of the DAG tracker: up only in RUNNING, that is once it has joined its
 * consumer group and restored its stores; while it (re)balances its run queries answer 503.
 */
@Singleton
@Readiness
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(beans = TrackerConfiguration.class)
final class TrackerReadiness implements HealthIndicator {

    private final KafkaStreams tracker;

    TrackerReadiness(@Named(TrackerFactory.TRACKER) KafkaStreams tracker) {
        this.tracker = tracker;
    }

    @Override
    public org.reactivestreams.Publisher<HealthResult> getResult() {
        KafkaStreams.State state = tracker.state();
        return Publishers.just(HealthResult.builder("dag-tracker",
                state == KafkaStreams.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", state.name())).build());
    }
}
