package io.conveyor.scheduler.deploy;

import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
@Requires(env = SchedulerApplication.ENVIRONMENT)
class DeployFactory {

    @Singleton
    PipelineDeployer pipelineDeployer(PipelineCatalog catalog, ControlPlaneSettings settings, Clock clock) {
        return new PipelineDeployer(catalog, new SchemaRegistryClient(settings.schemaRegistryUrl()), settings.topics(),
                settings.clientConfig(), settings.dataTopicPartitions(), clock, settings.deployTrust());
    }

    @Singleton
    PipelineRemoval pipelineRemoval(PipelineDeployer deployer, ControlPlaneSettings settings) {
        return new PipelineRemoval(deployer, new SchemaRegistryClient(settings.schemaRegistryUrl()), settings.topics(),
                settings.clientConfig());
    }
}
