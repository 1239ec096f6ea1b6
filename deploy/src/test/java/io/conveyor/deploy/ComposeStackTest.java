package io.conveyor.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.conveyor.testkit.ExampleOrders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ContainerState;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as its users run it, on a Docker engine, by Testcontainers: the image tarballs of the
 * images profile loaded as {@code docker load -i} does, the whole stack brought up with the {@code example}
 * profile (Kafka, the topics one-shot, the registry, PostgreSQL, two schedulers, extractor, transformer,
 * loader, and the example one-shot, which generates 5,000 orders, deploys the example pipeline and follows its
 * run), then the outcome checked against the generated file: every valid order in PostgreSQL with its amount,
 * every invalid one in the pipeline's dead-letter topic. Where there is no Docker engine (the machine these
 * tests were written on has a Docker client only) it is skipped with that reason; e2e's ComposeEnvironmentIT
 * runs the same services with the same environment as processes there.
 */
@EnabledIf(value = "dockerEngineAvailable", disabledReason = "no Docker engine here (Testcontainers found none); "
        + "e2e's ComposeEnvironmentIT runs the compose file's services as processes instead")
class ComposeStackTest {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    static boolean dockerEngineAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @Test
    void theComposeStackRunsTheExamplePipelineFromGeneratedOrdersIntoPostgresAndTheDeadLetterTopic() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        for (ServiceImage image : ServiceImage.ALL) {
            try (InputStream tarball = Files.newInputStream(image.tarball())) {
                docker.loadImageCmd(tarball).exec();
            }
        }
        try (ComposeContainer compose = new ComposeContainer(DeployPaths.project().resolve("docker-compose.yml").toFile())
                .withOptions("--profile", "example")
                .withEnv(Map.of("ROWS", "5000", "CONVEYOR_VERSION", DeployPaths.projectVersion()))
                .withPull(false)
                .withRemoveVolumes(true)
                .withExposedService("postgres", 5432)
                .withStartupTimeout(LIMIT)) {
            compose.start();

            ContainerState example = service(compose, "example");
            InspectContainerResponse.ContainerState state = awaitExit(example);
            String output = example.getLogs();
            assertThat(state.getExitCodeLong()).as("the example's exit code; its output:\n%s", output).isZero();
            Matcher started = Pattern.compile("Started run (\\S+)").matcher(output);
            assertThat(started.find()).as(output).isTrue();
            // the run's final state, the last the script printed before the run's detail
            assertThat(output).contains(" SUCCEEDED_WITH_REJECTS\n");

            Path orders = DeployPaths.work("compose-stack-orders.csv");
            Files.createDirectories(orders.getParent());
            service(compose, "extractor").copyFileFromContainer("/data/orders.csv",
                    in -> Files.copy(in, orders, StandardCopyOption.REPLACE_EXISTING));
            ExampleOrders expected = ExampleOrders.expectedFrom(orders);
            assertThat(expected.loaded().size() + expected.rejected()).isEqualTo(5000);

            assertThat(loadedOrders(compose)).isEqualTo(expected.loaded());

            Container.ExecResult deadLetters = service(compose, "kafka").execInContainer("/opt/kafka/bin/kafka-console-consumer.sh",
                    "--bootstrap-server", "localhost:9092", "--topic", "conveyor.dlq.orders-example", "--from-beginning",
                    "--isolation-level", "read_committed", "--timeout-ms", "15000",
                    "--property", "print.value=false", "--property", "print.partition=true");
            Matcher processed = Pattern.compile("Processed a total of (\\d+) messages").matcher(deadLetters.getStderr());
            assertThat(processed.find()).as(deadLetters.getStderr()).isTrue();
            assertThat(Long.parseLong(processed.group(1))).isEqualTo(expected.rejected());
        }
    }

    /** The container of a service that is not scaled (Testcontainers names them NAME-1 or NAME_1). */
    private static ContainerState service(ComposeContainer compose, String name) {
        for (String candidate : List.of(name, name + "-1", name + "_1")) {
            var container = compose.getContainerByServiceName(candidate);
            if (container.isPresent()) {
                return container.get();
            }
        }
        throw new AssertionError("the compose stack has no container of " + name);
    }

    private static InspectContainerResponse.ContainerState awaitExit(ContainerState container) throws InterruptedException {
        Instant deadline = Instant.now().plus(LIMIT);
        while (Instant.now().isBefore(deadline)) {
            InspectContainerResponse.ContainerState state = DockerClientFactory.instance().client()
                    .inspectContainerCmd(container.getContainerId()).exec().getState();
            if (!Boolean.TRUE.equals(state.getRunning()) && state.getExitCodeLong() != null) {
                return state;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("the example did not end within " + LIMIT + ":\n" + container.getLogs());
    }

    private static Map<Long, BigDecimal> loadedOrders(ComposeContainer compose) throws Exception {
        String url = "jdbc:postgresql://" + compose.getServiceHost("postgres", 5432) + ":"
                + compose.getServicePort("postgres", 5432) + "/conveyor";
        Map<Long, BigDecimal> orders = new TreeMap<>();
        // the compose file's default password (CONVEYOR_POSTGRES_PASSWORD)
        try (Connection connection = DriverManager.getConnection(url, "postgres", "conveyor");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT order_id, amount FROM orders")) {
            while (rows.next()) {
                orders.put(rows.getLong(1), rows.getBigDecimal(2));
            }
        }
        return orders;
    }
}
