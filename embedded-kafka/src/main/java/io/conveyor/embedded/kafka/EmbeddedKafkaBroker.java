package io.conveyor.embedded.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run in
 * this JVM from Kafka's own server jars. It is what {@code bin/kafka-server-start.sh} runs, minus
 * the shell: the storage is formatted with Kafka's StorageTool and the server is Kafka's
 * KafkaRaftServer, so clients see exactly the protocol of a production broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDirectory;
    private final boolean temporary;
    private final Duration startupTime;
    private final Optional<String> saslBootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDirectory,
                                boolean temporary, Duration startupTime, Optional<String> saslBootstrapServers) {
        this.server = server;
        this.saslBootstrapServers = saslBootstrapServers;
        this.bootstrapServers = bootstrapServers;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.startupTime = startupTime;
    }

    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        long started = System.nanoTime();
        boolean temporary = settings.dataDirectory().isEmpty();
        Path dataDirectory = settings.dataDirectory().orElseGet(EmbeddedKafkaBroker::temporaryDirectory);
        // Chosen together: ports picked one after the other can coincide, and Kafka refuses two listeners on one port.
        int[] free = freePorts(3);
        int port = settings.port() == 0 ? free[0] : settings.port();
        int controllerPort = settings.controllerPort() == 0 ? free[1] : settings.controllerPort();
        Path logDirectory = dataDirectory.resolve("kraft");
        Properties properties = serverProperties(port, controllerPort, logDirectory, settings.overrides());
        Optional<String> saslBootstrap = Optional.empty();
        if (!settings.saslPlainUsers().isEmpty()) {
            int saslPort = free[2];
            addSaslPlainListener(properties, saslPort, settings.saslPlainUsers());
            saslBootstrap = Optional.of("127.0.0.1:" + saslPort);
        }
        if (!Files.exists(logDirectory.resolve("meta.properties"))) {
            format(properties, dataDirectory);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + port;
        awaitReady(bootstrap);
        Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Kafka broker (KRaft) ready at {} in {} ms, data in {}", bootstrap, startupTime.toMillis(), dataDirectory);
        return new EmbeddedKafkaBroker(server, bootstrap, dataDirectory, temporary, startupTime, saslBootstrap);
    }

    /** The SASL_PLAINTEXT listener's address, when started with {@link BrokerSettings#withSaslPlainUsers}. */
    public Optional<String> saslBootstrapServers() {
        return saslBootstrapServers;
    }

    /** The client properties that authenticate as {@code user} on the SASL_PLAINTEXT listener. */
    public static Map<String, String> saslPlainClientProperties(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + user + "\" password=\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\";");
    }

    /**
     * A client listener that authenticates with SASL PLAIN against the given users; the broker and its
     * controller keep talking over PLAINTEXT, so only clients are authenticated.
     */
    static void addSaslPlainListener(Properties p, int saslPort, Map<String, String> users) {
        p.put("listeners", p.getProperty("listeners") + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
        p.put("advertised.listeners", p.getProperty("advertised.listeners") + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
        p.put("listener.security.protocol.map", p.getProperty("listener.security.protocol.map") + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", "PLAIN");
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"")
                .append(password.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Wall time from {@link #start} until the broker answered a metadata request. */
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            deleteRecursively(dataDirectory);
        }
    }

    static Properties serverProperties(int port, int controllerPort, Path logDirectory, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDirectory.toString());
        // A single node cannot replicate: every internal topic gets one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        // Consumer groups in tests and in the local run should not wait 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.putAll(overrides);
        return p;
    }

    private static void format(Properties properties, Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            Path config = dataDirectory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                properties.store(out, "Written by Conveyor's embedded broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            String[] arguments = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()};
            int exit = StorageTool.execute(arguments, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("Formatting the KRaft storage in " + dataDirectory + " failed: "
                        + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the broker's data directory " + dataDirectory, e);
        }
    }

    private static void awaitReady(String bootstrap) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The embedded Kafka broker at " + bootstrap + " did not become ready", e);
        }
    }

    /** {@code count} distinct free ports: each socket stays bound until all are chosen. */
    private static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded broker", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        LOG.debug("could not close a port probe: {}", e.toString());
                    }
                }
            }
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("conveyor-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the embedded broker", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete the broker data directory {}: {}", directory, e.toString());
        }
    }
}
