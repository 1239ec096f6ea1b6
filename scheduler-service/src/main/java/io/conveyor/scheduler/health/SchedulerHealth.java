package io.conveyor.scheduler.health;

import io.conveyor.dataplane.health.DependencyMonitor;
import io.conveyor.dataplane.health.ServiceHealth;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
import io.conveyor.kafka.KafkaConnection;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;


/**
 * The scheduler's loops (the cron ticker) and its dependencies (Kafka and the schema registry, asked
 * every few seconds), for {@link SchedulerLiveness} and {@link SchedulerReadiness}.
 */
@Context
@Requires(env = SchedulerApplication.ENVIRONMENT)
public final class SchedulerHealth implements AutoCloseable {

    private final ServiceHealth health = new ServiceHealth();
    private final DependencyMonitor dependencies;

    SchedulerHealth(KafkaConnection kafka) {
        this.dependencies = DependencyMonitor.kafkaAndRegistry(ControlPlaneSettings.clientConfig(kafka),
                ControlPlaneSettings.registry(kafka));
        health.dependsOn(dependencies);
    }

    public ServiceHealth loops() {
        return health;
    }

    @PreDestroy
    @Override
    public void close() {
        dependencies.close();
    }
}
