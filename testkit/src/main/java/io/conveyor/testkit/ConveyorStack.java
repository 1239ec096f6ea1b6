package io.conveyor.testkit;

import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import io.conveyor.registry.http.EmbeddedSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Kafka broker (KRaft) and the Confluent-compatible registry, started once per test JVM
 * and shared by every test in it. Tests isolate themselves through unique topic names
 * ({@link #uniqueName}) rather than through fresh brokers, which keeps a module's suite to one
 * broker start-up.
 */
public final class ConveyorStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConveyorStack.class);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final Duration startupTime;

    private ConveyorStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, Duration startupTime) {
        this.broker = broker;
        this.registry = registry;
        this.startupTime = startupTime;
    }

    static ConveyorStack start() {
        long started = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults());
        try {
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("Test stack up in {} ms: Kafka {} (broker {} ms), Schema Registry {}", startupTime.toMillis(),
                    broker.bootstrapServers(), broker.startupTime().toMillis(), registry.url());
            return new ConveyorStack(broker, registry, startupTime);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** Settings every Kafka client and Conveyor serde needs to reach this stack. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put("schema.registry.url", registryUrl());
        return config;
    }

    /** A name no other test in this JVM gets, for topics, groups and subjects. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    public void createTopics(int partitions, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList()).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create topics " + Arrays.toString(topics), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating topics " + Arrays.toString(topics), e);
        }
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
