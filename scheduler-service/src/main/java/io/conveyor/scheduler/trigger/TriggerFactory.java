package io.conveyor.scheduler.trigger;

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
    TriggerPublisher triggerPublisher(ControlPlaneSettings settings, Clock clock) {
        return new TriggerPublisher(settings.clientConfig(), settings.topics(), clock, settings.timeout());
    }

    @Singleton
    Backfill backfill(BackfillSettings settings) {
        return new Backfill(settings.maxRuns());
    }
}
