package io.conveyor.scheduler.deadletters;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.kafka.TopicCreator;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/** The dead-letter desk and queries, over the states topic (followed) and the replays topic. */
@Factory
@Requires(env = SchedulerApplication.ENVIRONMENT)
class DeadLetterFactory {

    /** A scan waits this long for a poll of a dead-letter topic before it gives up. */
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(30);

    @Singleton
    @Bean(preDestroy = "close")
    LetterStates letterStates(ControlPlaneSettings settings, KafkaConnection kafka) {
        return LetterStates.start(ControlPlaneSettings.clientConfig(kafka), ControlPlaneSettings.topics(kafka),
                settings.timeout());
    }

    @Singleton
    @Bean(preDestroy = "close")
    DeadLetterScan deadLetterScan(KafkaConnection kafka) {
        return new DeadLetterScan(ControlPlaneSettings.clientConfig(kafka), SCAN_TIMEOUT);
    }

    @Singleton
    DeadLetterQueries deadLetterQueries(KafkaConnection kafka, LetterStates states, DeadLetterScan scan) {
        return new DeadLetterQueries(ControlPlaneSettings.topics(kafka), states, scan, ControlPlaneSettings.clientConfig(kafka));
    }

    @Singleton
    DeadLetterDesk deadLetterDesk(ControlPlaneSettings settings, KafkaConnection kafka, PipelineCatalog catalog,
                                  LetterStates states, DeadLetterScan scan, Clock clock) {
        // One partition: a replay's records are one slice of it, and replays of all pipelines are few.
        TopicCreator.ensure(kafka, settings.timeout(), List.of(new NewTopic(ControlPlaneSettings.topics(kafka).replays(),
                Optional.of(1), Optional.empty())));
        return new DeadLetterDesk(ControlPlaneSettings.clientConfig(kafka), ControlPlaneSettings.topics(kafka), catalog,
                states, scan, clock);
    }
}
