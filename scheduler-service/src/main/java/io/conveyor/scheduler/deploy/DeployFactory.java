package io.conveyor.scheduler.deploy;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

@Factory
@Requires(env = SchedulerApplication.ENVIRONMENT)
class DeployFactory {

    @Singleton
    PipelineDeployer pipelineDeployer(PipelineCatalog catalog, ControlPlaneSettings settings, KafkaConnection kafka, Clock clock) {
        SchemaRegistryClient registry = new SchemaRegistryClient(List.of(kafka.requireSchemaRegistryUrl()),
                kafka.schemaRegistryUserInfo(), java.time.Duration.ofSeconds(30));
        return new PipelineDeployer(catalog, registry, ControlPlaneSettings.topics(kafka),
                ControlPlaneSettings.clientConfig(kafka), settings.dataTopicPartitions(), clock, settings.deployTrust());
    }

    @Singleton
    PipelineRemoval pipelineRemoval(PipelineDeployer deployer, ControlPlaneSettings settings) {
        return new PipelineRemoval(deployer, new SchemaRegistryClient(settings.schemaRegistryUrl()), settings.topics(),
                settings.clientConfig());
    }
}
