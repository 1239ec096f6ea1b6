package io.conveyor.scheduler.schedule;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

@Factory
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(property = "conveyor.scheduler.cron.enabled", notEquals = "false")
class ScheduleFactory {

    @Singleton
    @Bean(preDestroy = "close")
    CronFiring cronFiring(PipelineCatalog catalog, ControlPlaneSettings settings, KafkaConnection kafka, CronSettings cron,
                          Clock clock) {
        String instanceId = cron.instanceId().orElseGet(() -> UUID.randomUUID().toString());
        return CronFiring.start(catalog, new ScheduleCalculator(cron.onTimeTolerance()), ControlPlaneSettings.topics(kafka),
                ControlPlaneSettings.clientConfig(kafka), clock, instanceId, settings.timeout());
    }
}
