package io.conveyor.scheduler.trigger;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
@Requires(env = SchedulerApplication.ENVIRONMENT)
class TriggerFactory {

    @Singleton
    @Bean(preDestroy = "close")
    TriggerPublisher triggerPublisher(ControlPlaneSettings settings, KafkaConnection kafka, Clock clock) {
        return new TriggerPublisher(ControlPlaneSettings.clientConfig(kafka), ControlPlaneSettings.topics(kafka), clock,
                settings.timeout());
    }

    @Singleton
    Backfill backfill(BackfillSettings settings) {
        return new Backfill(settings.maxRuns());
    }
}
