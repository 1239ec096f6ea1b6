package io.conveyor.deploy;

import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that the images really run: each is started from its own root file system ({@link ImageProcess}) as
 * user 65532 against the testkit's broker and registry, configured only by environment variables.
 */
@ExtendWith(ConveyorStackExtension.class)
class ImagesRunTest {

    @Test
    void theRegistryImageRunsAsUser65532ServesSchemasAndStopsOnSigterm(ConveyorStack stack) throws Exception {
        String topic = ConveyorStack.uniqueName("_schemas_image");
        try (ImageProcess registry = ImageProcess.start(ServiceImage.named("schema-registry"), topic, Map.of(
                "CONVEYOR_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "CONVEYOR_REGISTRY_TOPIC", topic,
                "CONVEYOR_REGISTRY_WRITER_ID", topic))) {
            registry.awaitOk("/health", Duration.ofSeconds(90));
            // The paths the Kubernetes probes use.
            for (String probe : List.of("/health/readiness", "/health/liveness")) {
                HttpResponse<String> answer = registry.get(probe);
                assertThat(answer.statusCode()).as(probe + " " + answer.body()).isEqualTo(200);
                assertThat(answer.body()).as(probe).contains("\"status\":\"UP\"");
            }

            HttpResponse<String> registered = ImageProcess.HTTP.send(HttpRequest.newBuilder(URI.create(registry.url("/subjects/deploy-check-value/versions")))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Check\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\"}]}\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            assertThat(registered.body()).contains("\"id\"");
            HttpResponse<String> latest = registry.get("/subjects/deploy-check-value/versions/latest");
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(latest.body()).contains("\"version\":1").contains("Check");

            // The image's JVM under the image's user, not the host's.
            String pid = Long.toString(registry.java().pid());
            assertThat(Files.readString(Path.of("/proc", pid, "status"))).containsPattern("Uid:\\s+65532\\s");
            assertThat(Files.readSymbolicLink(Path.of("/proc", pid, "exe")).toString())
                    .isEqualTo(registry.root.resolve("opt/java/openjdk/bin/java").toString());
            // The image's logging configuration is in effect: INFO, not Logback's unconfigured DEBUG.
            assertThat(registry.output()).contains(" INFO ").doesNotContain(" DEBUG ");

            assertThat(registry.stopsOnSigterm()).as("the registry ended within 30 s of SIGTERM:\n%s", registry.output()).isTrue();
        }
    }

    @Test
    void theSchedulerImageRunsTheTrackerOnRocksDbFromTheImageAndAnswersRunQueries(ConveyorStack stack) throws Exception {
        String prefix = ConveyorStack.uniqueName("image");
        // The control plane as ControlTopics (and deploy/compose/create-topics.sh) creates it.
        stack.createTopics(1, prefix + ".triggers", prefix + ".task-status", prefix + ".triggers.dlq", prefix + ".runs",
                prefix + ".task-commands.extract", prefix + ".task-commands.transform", prefix + ".task-commands.load",
                prefix + ".task-commands.sql");
        // The pipelines topic is left to the scheduler, which creates it compacted (it refuses a non-compacted one).
        try (ImageProcess scheduler = ImageProcess.start(ServiceImage.named("scheduler"), prefix, Map.ofEntries(
                Map.entry("CONVEYOR_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers()),
                Map.entry("CONVEYOR_KAFKA_SCHEMA_REGISTRY_URL", stack.registryUrl()),
                Map.entry("CONVEYOR_KAFKA_TOPIC_PREFIX", prefix),
                Map.entry("CONVEYOR_SCHEDULER_CRON_INSTANCE_ID", "scheduler-1"),
                Map.entry("CONVEYOR_TRACKER_ENABLED", "true"),
                Map.entry("CONVEYOR_TRACKER_APPLICATION_ID", prefix + "-tracker"),
                Map.entry("CONVEYOR_TRACKER_STATE_DIR", "/var/lib/conveyor/tracker")))) {
            scheduler.awaitOk("/health/readiness", Duration.ofSeconds(120));
            // 200 only once the tracker's Kafka Streams state stores (RocksDB, a JNI library the image's
            // runtime loads with the image's libstdc++) are queryable; 503 while it starts.
            scheduler.awaitOk("/runs", Duration.ofSeconds(120));
            assertThat(scheduler.get("/runs").body()).contains("\"runs\":[]");
            assertThat(scheduler.get("/pipelines").statusCode()).isEqualTo(200);
            assertThat(scheduler.root.resolve("var/lib/conveyor/tracker")).isDirectory();

            assertThat(scheduler.stopsOnSigterm()).as("the scheduler ended within 30 s of SIGTERM:\n%s", scheduler.output()).isTrue();
        }
    }
}
