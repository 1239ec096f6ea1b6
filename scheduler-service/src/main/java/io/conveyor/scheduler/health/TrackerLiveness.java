package io.conveyor.scheduler.health;

import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.tracker.TrackerConfiguration;
import io.conveyor.scheduler.tracker.TrackerFactory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /health/liveness} of the DAG tracker: down once its Kafka Streams application has stopped
 * for good (ERROR, or shutting down or stopped while the scheduler still runs): it tracks no run any
 * more, and only a restart brings it back. Failed stream threads are replaced (see
 * {@link TrackerFactory}), so a single thread's death does not count here.
 */
@Singleton
@Liveness
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(beans = TrackerConfiguration.class)
final class TrackerLiveness implements HealthIndicator {

    private final KafkaStreams tracker;

    TrackerLiveness(@Named(TrackerFactory.TRACKER) KafkaStreams tracker) {
        this.tracker = tracker;
    }

    @Override
    public org.reactivestreams.Publisher<HealthResult> getResult() {
        KafkaStreams.State state = tracker.state();
        boolean alive = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
        return Publishers.just(HealthResult.builder("dag-tracker", alive ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", state.name())).build());
    }
}
