package io.conveyor.scheduler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.scheduler.RestApiServers;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pause, unpause and delete over REST, and a deployment refused late, on the real broker and registry.
 * The scheduler runs no tracker here (run checks are in TriggerChecksTest).
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineLifecycleRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT_YAML = "text/yaml";

    private final ConveyorStack stack;
    private final TopicNames topics = new TopicNames(ConveyorStack.uniqueName("lifecycle"));
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer server;
    private Admin admin;

    PipelineLifecycleRestTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    void start() {
        stack.createTopics(3, topics.triggers());
        server = RestApiServers.start(stack, topics, Map.of("conveyor.scheduler.data-topic-partitions", 1));
        admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
    }

    @AfterAll
    void stop() {
        admin.close();
        server.getApplicationContext().close();
    }

    @Test
    void aPausedPipelineRefusesManualRunsAndBackfillsWith409UntilItIsUnpaused() throws Exception {
        deploy(pipeline("nightly", ""));

        Answer paused = post("/pipelines/nightly/pause", "");
        Answer listed = get("/pipelines");
        Answer run = post("/pipelines/nightly/runs", "{}");
        Answer backfill = post("/pipelines/nightly/backfill", """
                {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}""");
        Answer redeployed = post("/pipelines?file=nightly.yaml", TEXT_YAML, pipeline("nightly", "description: v2\n"));
        Answer stillPaused = get("/pipelines/nightly");
        Answer unpaused = post("/pipelines/nightly/unpause", "");
        Answer runAfter = post("/pipelines/nightly/runs", "{}");

        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("paused").asBoolean()).isTrue();
        assertThat(StreamSupport.stream(listed.json().spliterator(), false)
                .filter(p -> p.path("name").asText().equals("nightly")).findFirst().orElseThrow()
                .path("paused").asBoolean()).isTrue();
        assertThat(run.status()).isEqualTo(409);
        assertThat(run.json().path("field").asText()).isEqualTo("name");
        assertThat(run.json().path("message").asText())
                .isEqualTo("pipeline 'nightly' is paused; it starts no run until POST /pipelines/nightly/unpause");
        assertThat(backfill.status()).isEqualTo(409);
        assertThat(redeployed.status()).isEqualTo(201);
        assertThat(stillPaused.json().path("version").asInt()).isEqualTo(2);
        assertThat(stillPaused.json().path("paused").asBoolean()).as("a new version keeps the pause").isTrue();
        assertThat(unpaused.status()).isEqualTo(200);
        assertThat(unpaused.json().path("paused").asBoolean()).isFalse();
        assertThat(get("/pipelines/nightly").json().path("paused").asBoolean()).isFalse();
        assertThat(runAfter.status()).isEqualTo(202);
    }

    @Test
    void pausingOrDeletingAnUnknownPipelineIsNotFound() throws Exception {
        assertThat(post("/pipelines/nosuch/pause", "").status()).isEqualTo(404);
        assertThat(post("/pipelines/nosuch/unpause", "").status()).isEqualTo(404);
        assertThat(delete("/pipelines/nosuch?confirm=nosuch").status()).isEqualTo(404);
    }

    @Test
    void deletingNeedsTheNameAsConfirmationThenDeletesTheTopicsAndSubjectsOfThatPipelineOnly() throws Exception {
        deploy(pipeline("orders", ""));
        deploy(pipeline("orders-eu", ""));
        List<String> owned = List.of(topics.data("orders", "extract"), topics.data("orders", "clean"),
                topics.dedupeChangelog("orders", "clean"), topics.deadLetters("orders"));
        // The transformer creates the dedupe changelog when it first runs; here it stands for it.
        stack.createTopics(1, topics.dedupeChangelog("orders", "clean"));
        assertThat(topicNames()).containsAll(owned);
        assertThat(subjectExists(topics.data("orders", "clean") + "-value")).isTrue();

        Answer unconfirmed = delete("/pipelines/orders");
        Answer misconfirmed = delete("/pipelines/orders?confirm=orders-eu");
        assertThat(topicNames()).containsAll(owned);
        Answer deleted = delete("/pipelines/orders?confirm=orders");

        assertThat(unconfirmed.status()).isEqualTo(428);
        assertThat(unconfirmed.json().path("field").asText()).isEqualTo("confirm");
        assertThat(unconfirmed.json().path("message").asText()).isEqualTo(
                "deleting pipeline 'orders' deletes its data and dead-letter topics; confirm with ?confirm=orders");
        assertThat(misconfirmed.status()).isEqualTo(428);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(texts(deleted.json().path("deletedTopics"))).containsExactlyInAnyOrderElementsOf(owned);
        assertThat(texts(deleted.json().path("deletedSubjects"))).contains(topics.data("orders", "clean") + "-value");
        assertThat(get("/pipelines/orders").status()).isEqualTo(404);
        assertThat(post("/pipelines/orders/runs", "{}").status()).isEqualTo(404);
        Set<String> left = topicNames();
        assertThat(left).doesNotContainAnyElementsOf(owned);
        assertThat(left).as("another pipeline whose name starts alike keeps its topics").contains(
                topics.data("orders-eu", "extract"), topics.data("orders-eu", "clean"), topics.deadLetters("orders-eu"),
                topics.pipelines());
        assertThat(subjectExists(topics.data("orders", "clean") + "-value")).isFalse();
        assertThat(subjectExists(topics.data("orders-eu", "clean") + "-value")).isTrue();

        Answer again = delete("/pipelines/orders?confirm=orders");
        Answer redeployed = post("/pipelines?file=orders.yaml", TEXT_YAML, pipeline("orders", ""));
        assertThat(again.status()).as("deleting again finishes an interrupted delete").isEqualTo(200);
        assertThat(texts(again.json().path("deletedTopics"))).isEmpty();
        assertThat(redeployed.status()).isEqualTo(201);
        assertThat(redeployed.json().path("version").asInt()).as("the version count goes on").isEqualTo(2);
        assertThat(topicNames()).contains(topics.data("orders", "extract"), topics.deadLetters("orders"));
    }

    @Test
    void aDeploymentRefusedAfterItsTopicsWereCreatedLeavesNoTopicBehind() throws Exception {
        // The catalog topic's broker limit refuses the version record only after the topics are created.
        assertThat(get("/pipelines").status()).as("the catalog, and with it its topic, is started").isEqualTo(200);
        ConfigResource catalogTopic = new ConfigResource(ConfigResource.Type.TOPIC, topics.pipelines());
        alter(catalogTopic, new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "4096"),
                AlterConfigOp.OpType.SET));
        Answer answer;
        try {
            answer = post("/pipelines?file=big.yaml", TEXT_YAML, pipeline("big", "description: " + "x".repeat(8000) + "\n"));
        } finally {
            alter(catalogTopic, new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
                    AlterConfigOp.OpType.DELETE));
        }

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().path("message").asText()).contains("big");
        assertThat(topicNames()).noneMatch(topic -> topic.startsWith(topics.prefix() + ".data.big.")
                || topic.equals(topics.deadLetters("big")));
        assertThat(get("/pipelines/big").status()).isEqualTo(404);
    }

    private void alter(ConfigResource resource, AlterConfigOp op) throws Exception {
        admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
    }

    private Set<String> topicNames() throws Exception {
        return admin.listTopics().names().get().stream().filter(name -> name.startsWith(topics.prefix() + "."))
                .collect(Collectors.toSet());
    }

    private boolean subjectExists(String subject) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects/" + subject + "/versions"))
                .GET().build()).status() == 200;
    }

    private void deploy(String yaml) throws Exception {
        assertThat(post("/pipelines", TEXT_YAML, yaml).status()).isEqualTo(201);
    }

    /** A scheduled extract and a transform with a declared schema, so deploying registers a subject. */
    private static String pipeline(String name, String extra) {
        return """
                name: %s
                %sschedule: "0 6 * * *"
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/in.csv}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    schema: '{"type": "record", "name": "Row", "fields": [{"name": "id", "type": "long"}]}'
                """.formatted(name, extra);
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private Answer delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    private Answer post(String path, String json) throws IOException, InterruptedException {
        return post(path, "application/json", json);
    }

    private Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
