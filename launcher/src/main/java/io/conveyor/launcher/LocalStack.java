package io.conveyor.launcher;

import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import io.conveyor.kafka.KafkaConnection;
import io.conveyor.registry.http.EmbeddedSchemaRegistry;

import java.nio.file.Path;
import io.conveyor.scheduler.catalog.ControlTopics;
import io.conveyor.schemas.TopicNames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;

/**
 * The local stack of the one-command run: a real KRaft broker, the schema registry and the four
 * services in this JVM, keeping their data (topics, schemas, tracker state, the warehouse file)
 * under one directory so a restart finds them again.
 */
final class LocalStack implements AutoCloseable {

    /** Started in this order: the tracker before the workers it commands. */
    private static final List<String> SERVICES = List.of("scheduler", "extractor", "transformer", "loader");
    /** The DAG tracker's Kafka Streams application id, and so its consumer group. */
    private static final String TRACKER_APPLICATION = "conveyor-tracker";

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final List<EmbeddedService> services;
    /** How every client of the stack reaches the broker: the registry, the topic creators, the services. */
    private KafkaConnection kafka;

    private LocalStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, List<EmbeddedService> services) {
        this.broker = broker;
        this.registry = registry;
        this.services = services;
    }

    static LocalStack start(LauncherSettings settings) {
        return start(settings, Map.of(), Map.of());
    }

    /**
     * @param saslUsers        users (name to password) of a SASL_PLAINTEXT listener the broker adds; none: no such listener
     * @param clientProperties Kafka client properties every client of the stack is given through
     *                         {@code conveyor.kafka.properties.*}; with SASL users, every client then connects
     *                         only to the SASL listener (the secured-cluster test)
     */
    static LocalStack start(LauncherSettings settings, Map<String, String> saslUsers, Map<String, String> clientProperties) {
        Path kafkaData = settings.dataDirectory().resolve("kafka");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults()
                .withPort(settings.kafkaPort()).withDataDirectory(kafkaData).withSaslPlainUsers(saslUsers));
        KafkaConnection kafka = KafkaConnection.of(broker.saslBootstrapServers().orElse(broker.bootstrapServers()))
                .withProperties(clientProperties);
        try {
            Map<String, Object> registryProperties = new HashMap<>();
            kafka.properties().forEach((key, value) -> registryProperties.put(KafkaConnection.PROPERTIES_KEY + "." + key, value));
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(),
                    settings.registryPort(), registryProperties);
            List<EmbeddedService> services = new ArrayList<>();
            LocalStack stack = new LocalStack(broker, registry, services);
            stack.kafka = kafka.withSchemaRegistry(registry.url());
            try {
                // One partition per control topic is plenty on one machine.
                ControlTopics.ensureControlPlane(stack.kafka.clientConfig(), TopicNames.defaults(), 1);
                forgetTrackerMembers(kafka);
                for (String service : SERVICES) {
                    services.add(stack.startService(service, settings));
                }
                return stack;
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /**
     * Every service reads the shared {@code conveyor.kafka.*}; the DAG tracker, which is opt-in where
     * the scheduler is deployed alone, is switched on and also needs its state directory and the
     * address other instances reach it at, so its port is chosen up front.
     */
    private EmbeddedService startService(String service, LauncherSettings settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(KafkaConnection.BOOTSTRAP_SERVERS_KEY, kafka.bootstrapServers());
        properties.put(KafkaConnection.SCHEMA_REGISTRY_URL_KEY, registry.url());
        kafka.properties().forEach((key, value) -> properties.put(KafkaConnection.PROPERTIES_KEY + "." + key, value));
        properties.put("conveyor." + service + ".instance-id", "local-" + service);
        if ("extractor".equals(service)) {
            // A local run reads the user's files: its data directory and the directory they called it from.
            properties.put("conveyor.extractor.file-roots", List.of(settings.dataDirectory().toString(),
                    CallerDirectory.current().path().toString()));
        }
        if ("loader".equals(service)) {
            properties.put("conveyor.loader.file-roots", List.of(settings.dataDirectory().toString(),
                    CallerDirectory.current().path().toString()));
            properties.put("conveyor.loader.warehouse-path", settings.warehouse().toString());
        }
        int port = 0;
        if ("scheduler".equals(service)) {
            port = FreePort.pick();
            properties.put("conveyor.tracker.enabled", true);
            properties.put("conveyor.tracker.state-dir", settings.dataDirectory().resolve("tracker").toString());
            properties.put("conveyor.tracker.application-server", "127.0.0.1:" + port);
            properties.put("conveyor.tracker.application-id", TRACKER_APPLICATION);
            // A stable member of its consumer group: the next start on this data directory takes its
            // place back at once rather than waiting 45 s for the former one's session to time out.
            properties.put("conveyor.tracker.instance-id", "local-tracker");
            // The user's own files on their own machine: a literal password is accepted (it stays on the
            // local broker); secret variables still come from the allow-list.
            properties.put("conveyor.scheduler.literal-passwords", true);
        }
        return EmbeddedService.start(service, port, properties);
    }

    /**
     * No tracker of this stack runs yet, so every member its consumer group still lists is a
     * leftover: one that never left (a killed launcher, or an older Conveyor whose tracker did not
     * leave the group on close) would hold up the new tracker's first rebalance, and with it every
     * run query, until its session timed out (45 s).
     */
    private static void forgetTrackerMembers(KafkaConnection kafka) {
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(TRACKER_APPLICATION))
                    .describedGroups().get(TRACKER_APPLICATION).get(30, TimeUnit.SECONDS);
            if (!group.members().isEmpty()) {
                admin.removeMembersFromConsumerGroup(TRACKER_APPLICATION, new RemoveMembersFromConsumerGroupOptions())
                        .all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot clear the leftover members of the consumer group " + TRACKER_APPLICATION
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while clearing the consumer group " + TRACKER_APPLICATION, e);
        }
    }

    List<EmbeddedService> services() {
        return services;
    }

    EmbeddedService service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in the local stack"));
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** How the stack's clients reach the broker (the SASL listener and its credentials when secured). */
    KafkaConnection kafka() {
        return kafka;
    }

    String registryUrl() {
        return registry.url();
    }

    /** Stops the services in reverse order, then the registry; the broker last, since all use it. */
    @Override
    public void close() {
        try {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            registry.close();
        } finally {
            broker.close();
        }
    }
}
