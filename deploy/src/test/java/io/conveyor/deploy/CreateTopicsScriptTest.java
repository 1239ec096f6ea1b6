package io.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import io.conveyor.kafka.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes/base/create-topics.sh, the one-shot topic creator of docker-compose.yml and the
 * Kubernetes Job, run with Kafka's own kafka-topics (its TopicCommand, in a JVM of its own as the
 * image's kafka-topics.sh runs it) against a broker that only accepts SASL/PLAIN clients: the
 * CONVEYOR_KAFKA_PROPERTIES_* variables the services read are what authenticates it too.
 */
class CreateTopicsScriptTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"conveyor\" password=\"%s\";";
    private static EmbeddedKafkaBroker broker;
    private static String saslBootstrap;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults().withSaslPlainUsers(Map.of("conveyor", "s3cret")));
        saslBootstrap = broker.saslBootstrapServers().orElseThrow();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theScriptCreatesTheControlTopicsOnASaslClusterWithTheServicesClientVariables() throws Exception {
        Result result = run("secured", "s3cret", 30);

        assertThat(result.exit()).as(result.output()).isZero();
        try (Admin admin = Admin.create(sasl("s3cret"))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("secured.triggers", "secured.task-status",
                    "secured.task-commands.extract", "secured.pipelines")).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get("secured.triggers").partitions()).hasSize(2);
            assertThat(topics.get("secured.task-commands.extract").partitions()).hasSize(4);
            ConfigResource pipelines = new ConfigResource(ConfigResource.Type.TOPIC, "secured.pipelines");
            assertThat(admin.describeConfigs(List.of(pipelines)).all().get(30, TimeUnit.SECONDS).get(pipelines)
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
        // The last step lists the topics it made; the password is in no line of the output.
        assertThat(result.output()).contains("secured.runs").doesNotContain("s3cret");
    }

    @Test
    void aWrongPasswordFailsTheScriptWithKafkasAuthenticationError() throws Exception {
        Result result = run("refused", "wrong", 1);

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("Authentication failed", "creating refused.triggers failed (attempt 1 of 1)");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String prefix, String password, int attempts) throws Exception {
        Path kafkaTopics = dir.resolve("kafka-topics-" + prefix + ".sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(kafkaTopics, "#!/bin/bash\nexec '" + java + "' -Xmx256m -cp '" + System.getProperty("java.class.path")
                + "' org.apache.kafka.tools.TopicCommand \"$@\"\n");
        Files.setPosixFilePermissions(kafkaTopics, PosixFilePermissions.fromString("rwx------"));

        ProcessBuilder builder = new ProcessBuilder("bash", DeployPaths.project().resolve("deploy/kubernetes/base/create-topics.sh")
                .toString()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("CONVEYOR_"));
        environment.putAll(Map.of("BOOTSTRAP", saslBootstrap, "PREFIX", prefix, "PIPELINE_PARTITIONS", "2",
                "COMMAND_PARTITIONS", "4", "KAFKA_TOPICS", kafkaTopics.toString(), "ATTEMPTS", Integer.toString(attempts),
                "CONVEYOR_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "CONVEYOR_KAFKA_PROPERTIES_SASL_MECHANISM", "PLAIN",
                "CONVEYOR_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", JAAS.formatted(password)));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("create-topics.sh finished").isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Map<String, Object> sasl(String password) {
        Map<String, Object> config = new HashMap<>(KafkaConnection.of(saslBootstrap).adminConfig());
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", JAAS.formatted(password));
        return config;
    }
}
