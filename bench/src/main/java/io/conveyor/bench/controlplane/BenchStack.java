package io.conveyor.bench.controlplane;

import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import io.conveyor.registry.http.EmbeddedSchemaRegistry;
import io.conveyor.scheduler.catalog.ControlTopics;
import io.conveyor.schemas.TopicNames;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The embedded broker and registry with the control-plane topics the tracker needs. */
final class BenchStack implements AutoCloseable {

    /** Triggers and task statuses are co-partitioned, so they need the same count. */
    private static final int PIPELINE_PARTITIONS = 2;

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final TopicNames topics = new TopicNames("bench");

    private BenchStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    static BenchStack start() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults());
        try {
            var stack = new BenchStack(broker, EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0));
            ControlTopics.ensureControlPlane(stack.clientConfig(), stack.topics, PIPELINE_PARTITIONS);
            return stack;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    TopicNames topics() {
        return topics;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put("schema.registry.url", registryUrl());
        return config;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
