package io.conveyor.scheduler.catalog;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
@Requires(env = SchedulerApplication.ENVIRONMENT)
class CatalogFactory {

    @Singleton
    @Bean(preDestroy = "close")
    PipelineCatalog pipelineCatalog(ControlPlaneSettings settings, KafkaConnection kafka) {
        return PipelineCatalog.start(ControlPlaneSettings.clientConfig(kafka), ControlPlaneSettings.topics(kafka),
                settings.timeout());
    }

    /** The scheduler's notion of now; any other Clock bean (a test's) takes precedence. */
    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
