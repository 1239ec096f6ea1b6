package io.conveyor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.security.Principals;
import io.conveyor.security.Roles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's docker-compose.yml as docker-compose resolves it (anchors, merge keys, variables; the
 * binary from -Dconveyor.docker-compose, else the PATH): with every profile, the variables each Conveyor
 * container gets are ones its service reads, the scaled services can scale, and the pipeline the example
 * one-shot deploys is valid and the same as the repository's example apart from its sink.
 */
class ComposeFileTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> SERVICE_BY_IMAGE_NAME = Map.of(
            "scheduler", "scheduler", "extractor", "extractor", "transformer", "transformer", "loader", "loader",
            "schema-registry", "schema-registry");

    private static JsonNode resolved(String... options) throws Exception {
        return resolvedWith(Map.of(), options);
    }

    /** Resolved with these variables in docker-compose's environment (through env(1)). */
    private static JsonNode resolvedWith(Map<String, String> variables, String... options) throws Exception {
        List<String> command = new ArrayList<>();
        if (!variables.isEmpty()) {
            command.add("env");
            variables.forEach((name, value) -> command.add(name + "=" + value));
        }
        command.add(System.getProperty("conveyor.docker-compose", "docker-compose"));
        command.addAll(List.of(options));
        command.addAll(List.of("-f", "docker-compose.yml", "config"));
        return YAML.readTree(Commands.run(command, DeployPaths.project()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--profile example",
            "--env-file deploy/compose/kafka-cluster.env --profile kafka-cluster",
            "--env-file deploy/compose/confluent-registry.env --profile confluent-registry"})
    void everyConveyorContainerGetsOnlyVariablesItsServiceReads(String options) throws Exception {
        JsonNode services = resolved(options.isEmpty() ? new String[0] : options.split(" ")).path("services");
        Set<String> conveyorServices = new TreeSet<>();
        services.fields().forEachRemaining(entry -> {
            String image = entry.getValue().path("image").asText();
            if (!image.startsWith("conveyor/")) {
                return;
            }
            String service = SERVICE_BY_IMAGE_NAME.get(image.substring("conveyor/".length(), image.indexOf(':')));
            conveyorServices.add(service);
            Set<String> names = new TreeSet<>();
            entry.getValue().path("environment").fieldNames().forEachRemaining(names::add);
            assertThat(names).as(entry.getKey()).allSatisfy(name ->
                    assertThat(ServiceEnvironment.reads(service, name)).as(name + " is read by " + service).isTrue());
            assertThat(names).as(entry.getKey()).contains("CONVEYOR_KAFKA_BOOTSTRAP_SERVERS");
            if (!service.equals("schema-registry")) {
                assertThat(names).as(entry.getKey()).contains("CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL");
            }
        });
        assertThat(conveyorServices).containsExactlyInAnyOrder("scheduler", "extractor", "transformer", "loader", "schema-registry");
        // Two schedulers, each with its own tracker identity.
        assertThat(services.path("scheduler-1").path("environment").path("CONVEYOR_TRACKER_APPLICATION_SERVER").asText())
                .isEqualTo("scheduler-1:8080");
        assertThat(services.path("scheduler-2").path("environment").path("CONVEYOR_TRACKER_APPLICATION_SERVER").asText())
                .isEqualTo("scheduler-2:8080");
        // Both run the DAG tracker, switched on explicitly.
        assertThat(services.path("scheduler-1").path("environment").path("CONVEYOR_TRACKER_ENABLED").asText()).isEqualTo("true");
        assertThat(services.path("scheduler-2").path("environment").path("CONVEYOR_TRACKER_ENABLED").asText()).isEqualTo("true");
        // ... and its own static member id, so a restarted scheduler answers run queries at once.
        assertThat(services.path("scheduler-1").path("environment").path("CONVEYOR_TRACKER_INSTANCE_ID").asText())
                .isEqualTo("scheduler-1");
        assertThat(services.path("scheduler-2").path("environment").path("CONVEYOR_TRACKER_INSTANCE_ID").asText())
                .isEqualTo("scheduler-2");
        for (String scaled : List.of("extractor", "transformer", "loader")) {
            assertThat(services.path(scaled).has("container_name")).as(scaled).isFalse();
            assertThat(services.path(scaled).has("ports")).as(scaled).isFalse();
        }
    }

    @Test
    void theRegistryRunsSecuredAndEachServiceSendsTheCredentialsOfAPrincipalWithTheRoleItNeeds() throws Exception {
        // A secret from the environment, as a user sets it in the shell or an .env file.
        JsonNode services = resolvedWith(Map.of("CONVEYOR_REGISTRY_TOKEN", "from-the-environment-0123"), "--profile", "example")
                .path("services");
        JsonNode registry = services.path("schema-registry").path("environment");
        assertThat(registry.path("CONVEYOR_SECURITY_ENABLED").asText()).isEqualTo("true");
        Principals principals = Principals.parse(List.of(registry.path("CONVEYOR_SECURITY_USERS").asText().split(",")),
                "CONVEYOR_SECURITY_USERS of schema-registry");

        Map<String, String> roleByService = Map.of("extractor", Roles.OPERATOR, "transformer", Roles.OPERATOR,
                "loader", Roles.OPERATOR, "scheduler-1", Roles.ADMIN, "scheduler-2", Roles.ADMIN);
        roleByService.forEach((service, role) -> {
            String[] userInfo = services.path(service).path("environment").path("CONVEYOR_KAFKA_SCHEMA_REGISTRY_USER_INFO")
                    .asText().split(":", 2);
            assertThat(userInfo).as(service).hasSize(2);
            assertThat(principals.byPassword(userInfo[0], userInfo[1])).as(service + " at the registry")
                    .hasValueSatisfying(principal -> assertThat(principal.roles()).contains(role));
        });
        assertThat(services.path("loader").path("environment").path("CONVEYOR_KAFKA_SCHEMA_REGISTRY_USER_INFO").asText())
                .endsWith(":from-the-environment-0123");
    }

    @Test
    void theProfilesSwitchTheBrokersAndTheRegistry() throws Exception {
        JsonNode single = resolved().path("services");
        assertThat(startedWith(single)).containsExactlyInAnyOrder("kafka", "topics", "schema-registry", "postgres",
                "scheduler-1", "scheduler-2", "extractor", "transformer", "loader");
        assertThat(single.path("extractor").path("environment").path("CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL").asText())
                .isEqualTo("http://schema-registry:8081");

        JsonNode cluster = resolved("--env-file", "deploy/compose/kafka-cluster.env", "--profile", "kafka-cluster").path("services");
        assertThat(startedWith(cluster, "kafka-cluster")).contains("kafka", "kafka-2", "kafka-3").doesNotContain("cp-schema-registry");
        for (String broker : List.of("kafka", "kafka-2", "kafka-3")) {
            assertThat(cluster.path(broker).path("environment").path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
                    .isEqualTo("1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093");
        }
        assertThat(cluster.path("loader").path("environment").path("CONVEYOR_KAFKA_BOOTSTRAP_SERVERS").asText())
                .isEqualTo("kafka:9092,kafka-2:9092,kafka-3:9092");

        JsonNode confluent = resolved("--env-file", "deploy/compose/confluent-registry.env", "--profile", "confluent-registry").path("services");
        assertThat(startedWith(confluent, "confluent-registry")).contains("cp-schema-registry").doesNotContain("kafka-2");
        assertThat(confluent.path("cp-schema-registry").path("image").asText()).startsWith("confluentinc/cp-schema-registry:");
        assertThat(confluent.path("transformer").path("environment").path("CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL").asText())
                .isEqualTo("http://cp-schema-registry:8081");
    }

    @Test
    void theMonitoringProfileScrapesEveryConveyorServiceOnItsOwnPortWithTheAlertRules() throws Exception {
        JsonNode services = resolved("--profile", "monitoring").path("services");
        assertThat(startedWith(services, "monitoring")).contains("prometheus", "grafana");
        assertThat(startedWith(services)).doesNotContain("prometheus", "grafana");
        assertThat(services.path("prometheus").path("volumes").toString()).contains("prometheus-rules.yml", "prometheus.yml");

        JsonNode prometheus = YAML.readTree(DeployPaths.project().resolve("deploy/monitoring/prometheus.yml").toFile());
        Set<String> scraped = new TreeSet<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            assertThat(job.path("metrics_path").asText()).as(job.path("job_name").asText()).isEqualTo("/prometheus");
            List<String> targets = new ArrayList<>();
            job.path("static_configs").forEach(config -> config.path("targets").forEach(target -> targets.add(target.asText())));
            job.path("dns_sd_configs").forEach(config -> config.path("names").forEach(
                    host -> targets.add(host.asText() + ":" + config.path("port").asText())));
            for (String target : targets) {
                String service = target.substring(0, target.indexOf(':'));
                assertThat(services.has(service)).as("%s scrapes the compose service %s", job.path("job_name"), service).isTrue();
                assertThat(target.substring(target.indexOf(':') + 1)).as(target)
                        .isEqualTo(services.path(service).path("environment").path("MICRONAUT_SERVER_PORT").asText());
                scraped.add(service);
            }
        }
        Set<String> conveyor = new TreeSet<>();
        services.fields().forEachRemaining(entry -> {
            if (entry.getValue().path("image").asText().startsWith("conveyor/")) {
                conveyor.add(entry.getKey());
            }
        });
        assertThat(scraped).as("scraped compose services").containsAll(conveyor);
    }

    /** The services `up` starts with these profiles (docker-compose 1.29's config lists every service). */
    private static Set<String> startedWith(JsonNode services, String... profiles) {
        Set<String> started = new TreeSet<>();
        services.fields().forEachRemaining(entry -> {
            JsonNode serviceProfiles = entry.getValue().path("profiles");
            boolean active = serviceProfiles.isEmpty();
            for (JsonNode profile : serviceProfiles) {
                active |= List.of(profiles).contains(profile.asText());
            }
            if (active) {
                started.add(entry.getKey());
            }
        });
        return started;
    }

    @Test
    void theExamplePipelineOfTheComposeFileIsTheRepositoryExampleLoadingIntoPostgres() throws Exception {
        PipelineSpec example = PipelineLoader.load(DeployPaths.project().resolve("examples/orders/pipeline.yaml"));
        PipelineSpec compose = PipelineLoader.load(DeployPaths.project().resolve("deploy/compose/orders-postgres.yaml"));

        assertThat(compose.name()).isEqualTo(example.name());
        assertThat(compose.tasks()).hasSameSizeAs(example.tasks());
        assertThat(compose.tasks().subList(0, 2)).isEqualTo(example.tasks().subList(0, 2));
        assertThat(compose.tasks().get(2).work()).isNotEqualTo(example.tasks().get(2).work());
        assertThat(compose.tasks().get(2).work().toString()).contains("postgres");
    }
}
