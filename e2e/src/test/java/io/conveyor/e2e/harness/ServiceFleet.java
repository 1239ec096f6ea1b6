package io.conveyor.e2e.harness;

import io.conveyor.extractor.ExtractorApplication;
import io.conveyor.loader.LoaderApplication;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.ControlTopics;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.transformer.TransformerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service processes of one installation: every instance shares the topic prefix (so test
 * classes sharing a broker do not see each other) and reaches Kafka and the registry only
 * through the documented environment variables (docs/deployment.md).
 */
public final class ServiceFleet implements AutoCloseable {

    private final ConveyorStack stack;
    private final TopicNames names;
    private final Path logs;
    private final Path state;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private Map<String, String> dataPathClientSettings = Map.of();
    /** Child JVMs outlive their parent: if the test JVM exits without closing the fleet, this kills them. */
    private final Thread reaper = new Thread(this::killRunning, "e2e-fleet-reaper");

    /**
     * @param commandPartitions partitions of the task-command topics (several, so that instances
     *                          of a service share the commands of concurrent runs)
     */
    public ServiceFleet(ConveyorStack stack, String installation, int commandPartitions) {
        this.stack = stack;
        this.names = new TopicNames(installation);
        this.logs = Path.of(System.getProperty("conveyor.e2e.logs", "target/e2e-logs")).resolve(installation);
        this.state = logs.resolve("state");
        for (String kind : List.of("extract", "transform", "load")) {
            stack.createTopics(commandPartitions, installation + ".task-commands." + kind);
        }
        ControlTopics.ensureControlPlane(stack.clientConfig(), names, 2);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public TopicNames names() {
        return names;
    }

    public Path logs() {
        return logs;
    }

    /**
     * Kafka client settings the extractors, transformers and loaders created after this call get through
     * the shared pass-through ({@code conveyor.kafka.properties.*}), e.g. a shorter
     * {@code session.timeout.ms} so that a killed member's partitions move on sooner.
     */
    public ServiceFleet dataPathClientSettings(Map<String, String> settings) {
        this.dataPathClientSettings = Map.copyOf(settings);
        return this;
    }

    /** The scheduler with the DAG tracker and the run queries. */
    public ServiceProcess scheduler(String name) {
        return scheduler(name, Map.of());
    }

    /** @param more environment variables of the test (security settings, ...), which win over the fleet's */
    public ServiceProcess scheduler(String name, Map<String, String> more) {
        int port = freePort();
        Map<String, String> env = common(port);
        env.put("CONVEYOR_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL", stack.registryUrl());
        env.put("CONVEYOR_KAFKA_TOPIC_PREFIX", names.prefix());
        env.put("CONVEYOR_SCHEDULER_CRON_INSTANCE_ID", name);
        env.put("CONVEYOR_TRACKER_ENABLED", "true");
        env.put("CONVEYOR_TRACKER_APPLICATION_ID", names.prefix() + "-tracker");
        env.put("CONVEYOR_TRACKER_STATE_DIR", state.resolve(name).toString());
        env.put("CONVEYOR_TRACKER_APPLICATION_SERVER", "127.0.0.1:" + port);
        // GET /workers recognises this fleet's extractor group (see extractor() below).
        env.put("CONVEYOR_SCHEDULER_WORKERS_EXTRACTOR_GROUP", names.prefix() + "-extractor");
        env.putAll(more);
        return add(name, SchedulerApplication.class, "256m", port, env);
    }

    public ServiceProcess extractor(String name, String heap) {
        int port = freePort();
        Map<String, String> env = common(port);
        env.put("CONVEYOR_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL", stack.registryUrl());
        env.put("CONVEYOR_KAFKA_TOPIC_PREFIX", names.prefix());
        env.put("CONVEYOR_EXTRACTOR_CONSUMER_GROUP", names.prefix() + "-extractor");
        env.put("CONVEYOR_EXTRACTOR_INSTANCE_ID", name);
        return add(name, ExtractorApplication.class, heap, port, env, clientProperties());
    }

    public ServiceProcess transformer(String name, String heap) {
        int port = freePort();
        Map<String, String> env = common(port);
        env.put("CONVEYOR_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL", stack.registryUrl());
        env.put("CONVEYOR_KAFKA_TOPIC_PREFIX", names.prefix());
        env.put("CONVEYOR_TRANSFORMER_INSTANCE_ID", name);
        return add(name, TransformerApplication.class, heap, port, env, clientProperties());
    }

    public ServiceProcess loader(String name, String heap) {
        int port = freePort();
        Map<String, String> env = common(port);
        env.put("CONVEYOR_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL", stack.registryUrl());
        env.put("CONVEYOR_KAFKA_TOPIC_PREFIX", names.prefix());
        env.put("CONVEYOR_LOADER_INSTANCE_ID", name);
        return add(name, LoaderApplication.class, heap, port, env, clientProperties());
    }

    /** Starts every given instance, the slowest start-ups overlapping. */
    public static void startAll(List<ServiceProcess> instances) {
        instances.parallelStream().forEach(ServiceProcess::start);
    }

    private Map<String, String> common(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        return env;
    }

    /** The pass-through settings as system properties: environment variables cannot spell their dotted keys. */
    private List<String> clientProperties() {
        return dataPathClientSettings.entrySet().stream()
                .map(e -> "-Dconveyor.kafka.properties." + e.getKey() + "=" + e.getValue()).sorted().toList();
    }

    private ServiceProcess add(String name, Class<?> main, String heap, int port, Map<String, String> env) {
        return add(name, main, heap, port, env, List.of());
    }

    private ServiceProcess add(String name, Class<?> main, String heap, int port, Map<String, String> env,
                               List<String> systemProperties) {
        ServiceProcess process = new ServiceProcess(name, main.getName(), heap, port, env, logs, List.of(), systemProperties, true);
        processes.add(process);
        return process;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** Stops the instances in reverse order of creation: the workers before the tracker that commands them. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        Runtime.getRuntime().removeShutdownHook(reaper);
    }

    private void killRunning() {
        processes.stream().filter(ServiceProcess::isAlive).forEach(ServiceProcess::kill);
    }
}
