package io.conveyor.scheduler.workers;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.kafka.groups.ConsumerGroupReader;
import io.conveyor.kafka.groups.WorkerGroup;
import io.conveyor.kafka.groups.WorkerServices;
import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Reads the services' consumer groups for {@code GET /workers} with one admin client, opened on the
 * first request and kept: the console polls the view every few seconds, and a new client per request
 * would reconnect to every broker each time.
 */
@Singleton
@Requires(env = SchedulerApplication.ENVIRONMENT)
class WorkerGroups implements AutoCloseable {

    private final KafkaConnection kafka;
    private final WorkerServices services;
    private Admin admin;

    // The tracker's id is read as a plain value: TrackerConfiguration exists only where the tracker runs,
    // and a scheduler without it still shows the workers.
    WorkerGroups(KafkaConnection kafka, WorkersSettings settings,
                 @Value("${conveyor.tracker.application-id:conveyor-tracker}") String trackerGroup) {
        this.kafka = kafka;
        this.services = new WorkerServices(kafka.topicPrefix(), trackerGroup, settings.extractorGroup());
    }

    List<WorkerGroup> read() {
        return new ConsumerGroupReader(admin(), kafka.bootstrapServers()).read(services, false);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafka.adminConfig());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "conveyor-scheduler-workers");
            // An answer within the reader's 30 s patience, not the admin client's default minute of retries.
            config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
            config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
