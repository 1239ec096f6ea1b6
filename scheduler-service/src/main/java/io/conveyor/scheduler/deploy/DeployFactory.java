package io.conveyor.scheduler.deploy;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.alerts.AlertSettings;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
@Requires(env = SchedulerApplication.ENVIRONMENT)
class DeployFactory {

    @Singleton
    PipelineDeployer pipelineDeployer(PipelineCatalog catalog, ControlPlaneSettings settings, AlertSettings alerts,
                                      KafkaConnection kafka, Clock clock) {
        // A deployed pipeline names alert channels, never URLs: only those this scheduler defines.
        return new PipelineDeployer(catalog, ControlPlaneSettings.registry(kafka), ControlPlaneSettings.topics(kafka),
                ControlPlaneSettings.clientConfig(kafka), settings.dataTopicPartitions(), clock,
                settings.deployTrust().withAlertChannels(alerts.channelNames(), AlertSettings.WEBHOOKS_KEY));
    }

    @Singleton
    PipelineRemoval pipelineRemoval(PipelineDeployer deployer, KafkaConnection kafka) {
        return new PipelineRemoval(deployer, ControlPlaneSettings.registry(kafka), ControlPlaneSettings.topics(kafka),
                ControlPlaneSettings.clientConfig(kafka));
    }
}
