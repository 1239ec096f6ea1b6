package io.conveyor.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.e2e.harness.ComposeFile;
import io.conveyor.e2e.harness.ComposeFile.ComposeService;
import io.conveyor.e2e.harness.ComposeProcesses;
import io.conveyor.e2e.harness.ContainerMounts;
import io.conveyor.e2e.harness.DeadLetterQueue;
import io.conveyor.e2e.harness.ServiceFleet;
import io.conveyor.e2e.harness.ServiceProcess;
import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import io.conveyor.extractor.ExtractorApplication;
import io.conveyor.loader.LoaderApplication;
import io.conveyor.registry.http.SchemaRegistryApplication;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.ControlTopics;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ExampleOrders;
import io.conveyor.transformer.TransformerApplication;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deployment of docker-compose.yml, exercised where there is no Docker engine: the file is resolved by
 * docker-compose itself ({@code config}, profile {@code example}) with its top-level variables pointing at an
 * embedded broker, at the registry and the schedulers started here and at the local PostgreSQL; every service
 * the file runs from a Conveyor image (the registry, two schedulers, extractor, transformer, loader) is started
 * as a JVM of that image's main class with exactly the service's environment from the resolved file (whatever
 * its variables are called) and its volumes ({@link ContainerMounts}); then the file's {@code example}
 * one-shot runs its own script, which generates orders, deploys the example pipeline over REST and follows
 * the run, and the outcome is checked against the generated file: every valid order in PostgreSQL with its
 * amount, every invalid one in the pipeline's dead-letter topic under the field that failed.
 * <p>
 * What is not the compose file's: Kafka is the embedded broker, the {@code topics} one-shot (which needs the
 * Kafka image's CLI) is replaced by {@link ControlTopics} with the same prefix and partitions, and each JVM gets
 * a port of its own instead of the file's fixed one. Needs root (mount namespaces) and docker-compose
 * ({@code apt-get install docker-compose}; .ci/run installs it); skipped with a message otherwise.
 */
class ComposeEnvironmentIT {

    private static final Path PROJECT = Path.of(System.getProperty("conveyor.project.dir", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("conveyor.e2e.logs", "target/e2e-logs"))
            .resolve("compose-environment").toAbsolutePath();
    /** The image name (without tag) of each service the compose file runs from a Conveyor image, and its main class. */
    private static final Map<String, String> MAIN_CLASS_BY_IMAGE = Map.of(
            "conveyor/schema-registry", SchemaRegistryApplication.class.getName(),
            "conveyor/scheduler", SchedulerApplication.class.getName(),
            "conveyor/extractor", ExtractorApplication.class.getName(),
            "conveyor/transformer", TransformerApplication.class.getName(),
            "conveyor/loader", LoaderApplication.class.getName());
    /** The compose hosts served here at the port the compose file uses: its PostgreSQL is the local one. */
    private static final Map<String, String> SERVED_HOSTS = Map.of("postgres", "127.0.0.1");
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theComposeFilesServicesRunTheExamplePipelineAsProcessesWithExactlyTheirComposeEnvironment() throws Exception {
        assumeTrue(ContainerMounts.permitted(), "ComposeEnvironmentIT needs root to give each service its compose "
                + "volumes in a mount namespace of its own (CI runs as root)");
        assumeTrue(ComposeFile.available(), "ComposeEnvironmentIT needs docker-compose to resolve docker-compose.yml: "
                + ComposeFile.binary() + " does not run here (apt-get install docker-compose; .ci/run installs it)");
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        int registryPort = freePort();
        Map<String, Integer> ports = new HashMap<>(Map.of("scheduler-1", freePort(), "scheduler-2", freePort()));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults());
             ContainerMounts mounts = new ContainerMounts(WORK, SERVED_HOSTS);
             ComposeProcesses processes = new ComposeProcesses(mounts, WORK)) {
            String registryUrl = "http://127.0.0.1:" + registryPort;
            // The compose file's own variables; everything else is the file's.
            ComposeFile compose = ComposeFile.resolve(PROJECT, Map.of(
                    "CONVEYOR_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "CONVEYOR_SCHEMA_REGISTRY_URL", registryUrl,
                    "CONVEYOR_SCHEDULER_1_ADDRESS", "127.0.0.1:" + ports.get("scheduler-1"),
                    "CONVEYOR_SCHEDULER_2_ADDRESS", "127.0.0.1:" + ports.get("scheduler-2"),
                    "CONVEYOR_SCHEDULER_URL", "http://127.0.0.1:" + ports.get("scheduler-1"),
                    "ROWS", "5000"), "example");

            List<ComposeService> conveyor = compose.services().values().stream()
                    .filter(service -> MAIN_CLASS_BY_IMAGE.containsKey(imageName(service))).toList();
            assertThat(conveyor).extracting(ComposeService::name).containsExactlyInAnyOrder(
                    "schema-registry", "scheduler-1", "scheduler-2", "extractor", "transformer", "loader");
            for (ComposeService service : Stream.concat(conveyor.stream(), Stream.of(compose.service("example"))).toList()) {
                assertThat(compose.addressesOfOtherServices(service, List.copyOf(SERVED_HOSTS.keySet())))
                        .as("addresses of other containers in the environment of %s that no variable of docker-compose.yml "
                                + "sets (put them behind ${VARIABLE:-default})", service.name()).isEmpty();
            }

            String prefix = createTopicsAsTheTopicsServiceDoes(compose.service("topics"), broker.bootstrapServers());
            String database = compose.service("postgres").environment().get("POSTGRES_DB");
            recreateDatabase(database);
            try {
                ComposeService registryService = compose.service("schema-registry");
                ServiceProcess registry = processes.jvm(registryService, MAIN_CLASS_BY_IMAGE.get(imageName(registryService)),
                        registryPort, "256m");
                registry.start();
                List<ServiceProcess> services = new ArrayList<>();
                Map<ServiceProcess, ComposeService> definitions = new HashMap<>(Map.of(registry, registryService));
                for (ComposeService service : conveyor) {
                    if (service != registryService) {
                        int port = ports.computeIfAbsent(service.name(), name -> freePort());
                        ServiceProcess process = processes.jvm(service, MAIN_CLASS_BY_IMAGE.get(imageName(service)), port, "256m");
                        services.add(process);
                        definitions.put(process, service);
                    }
                }
                ServiceFleet.startAll(services);

                // Each JVM's environment is its service's from the file, plus what a container runtime adds.
                definitions.forEach((process, service) -> {
                    Map<String, String> expected = new TreeMap<>(service.environment());
                    expected.put("PATH", ContainerMounts.DEFAULT_PATH);
                    expected.put("HOSTNAME", service.name());
                    expected.put("MICRONAUT_SERVER_PORT", process.url().substring(process.url().lastIndexOf(':') + 1));
                    assertThat(environmentOf(process)).as(service.name()).isEqualTo(expected);
                });

                Path exampleLog = WORK.resolve("example.log");
                int exit = processes.runToEnd(compose.service("example"), exampleLog, Duration.ofMinutes(3));
                String output = Files.readString(exampleLog);
                assertThat(exit).as("the example's exit code; its output:\n%s", output).isZero();
                Matcher started = Pattern.compile("Started run (\\S+)").matcher(output);
                assertThat(started.find()).as(output).isTrue();
                String runId = started.group(1);

                ExampleOrders expected = ExampleOrders.expectedFrom(mounts.volume("data").resolve("orders.csv"));
                assertThat(expected.loaded().size() + expected.rejected()).isEqualTo(5000);
                assertThat(expected.rejected()).as("the generator writes invalid orders").isPositive();

                // The schedulers ask for credentials as the file configures them: the example's admin token.
                String token = compose.service("example").environment().get("CONVEYOR_TOKEN");
                JsonNode run = runDetail(ports.get("scheduler-1"), runId, token).path("run");
                assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED_WITH_REJECTS");
                // The other scheduler answers for the same run (the tracker's state, queried across instances).
                assertThat(runDetail(ports.get("scheduler-2"), runId, token).path("run").path("status").asText()).isEqualTo("SUCCEEDED_WITH_REJECTS");

                assertThat(loadedOrders(database)).isEqualTo(expected.loaded());

                // The registry asks for credentials as the file configures it: a data service's operator principal.
                String registryUserInfo = compose.service("loader").environment().get("CONVEYOR_KAFKA_SCHEMA_REGISTRY_USER_INFO");
                List<DeadLetterQueue.Letter> letters = new DeadLetterQueue(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), "schema.registry.url", registryUrl,
                        "basic.auth.user.info", registryUserInfo))
                        .readAll(new TopicNames(prefix).deadLetters(run.path("pipeline").asText()));
                assertThat(letters).allSatisfy(letter -> {
                    assertThat(letter.runId()).isEqualTo(runId);
                    assertThat(letter.stage()).isEqualTo("TRANSFORM");
                });
                Map<String, Long> rejectedByField = letters.stream().collect(Collectors.groupingBy(
                        letter -> String.valueOf(letter.value().getField()), TreeMap::new, Collectors.counting()));
                assertThat(rejectedByField).isEqualTo(expected.rejectedByField());
            } finally {
                processes.close();
                dropDatabase(database);
            }
        }
    }

    private static String imageName(ComposeService service) {
        int tag = service.image().lastIndexOf(':');
        return tag < 0 ? service.image() : service.image().substring(0, tag);
    }

    /**
     * The topics of deploy/kubernetes/base/create-topics.sh (run by the compose file's {@code topics} service)
     * with that service's prefix and partition counts; returns the prefix.
     */
    private static String createTopicsAsTheTopicsServiceDoes(ComposeService topics, String bootstrapServers) throws Exception {
        Map<String, String> environment = topics.environment();
        String prefix = environment.getOrDefault("PREFIX", "conveyor");
        int commandPartitions = Integer.parseInt(environment.getOrDefault("COMMAND_PARTITIONS", "3"));
        int pipelinePartitions = Integer.parseInt(environment.getOrDefault("PIPELINE_PARTITIONS", "3"));
        assertThat(environment.get("BOOTSTRAP")).isEqualTo(bootstrapServers);
        List<String> commandTopics = Stream.of("extract", "transform", "load", "sql").map(kind -> prefix + ".task-commands." + kind).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(commandTopics.stream().map(topic -> new NewTopic(topic, commandPartitions, (short) 1)).toList()).all().get();
            ControlTopics.ensureControlPlane(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                    new TopicNames(prefix), pipelinePartitions);
            Map<String, TopicDescription> created = admin.describeTopics(List.of(prefix + ".triggers", prefix + ".task-commands.extract"))
                    .allTopicNames().get();
            assertThat(created.get(prefix + ".triggers").partitions()).hasSize(pipelinePartitions);
            assertThat(created.get(prefix + ".task-commands.extract").partitions()).hasSize(commandPartitions);
        }
        return prefix;
    }

    /** The compose file's database, fresh: the loader's bookkeeping tables of an earlier run must not count. */
    private static void recreateDatabase(String database) throws SQLException {
        dropDatabase(database);
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database + "\"");
        }
    }

    private static void dropDatabase(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        }
    }

    private static Map<Long, BigDecimal> loadedOrders(String database) throws SQLException {
        Map<Long, BigDecimal> orders = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(POSTGRES + database, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT order_id, amount FROM orders")) {
            while (rows.next()) {
                orders.put(rows.getLong(1), rows.getBigDecimal(2));
            }
        }
        return orders;
    }

    private static JsonNode runDetail(int schedulerPort, String runId, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + schedulerPort + "/runs/"
                + runId.replace("@", "%40"))).timeout(Duration.ofSeconds(10));
        HttpResponse<String> anonymous = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("the scheduler of the compose file refuses an anonymous query").isEqualTo(401);
        HttpResponse<String> answer = HTTP.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** What the process really got: /proc/PID/environ. */
    private static Map<String, String> environmentOf(ServiceProcess process) {
        try {
            Map<String, String> environment = new TreeMap<>();
            for (String entry : Files.readString(Path.of("/proc", Long.toString(process.pid()), "environ")).split("\0")) {
                if (!entry.isEmpty()) {
                    int eq = entry.indexOf('=');
                    environment.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            return environment;
        } catch (IOException e) {
            throw new AssertionError("Cannot read the environment of " + process.name(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
