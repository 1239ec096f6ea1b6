package io.conveyor.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduler's REST API with authentication on, as the compose and Kubernetes deployments run it:
 * anonymous calls get 401, a viewer reads but gets 403 on a trigger, an operator triggers but
 * cannot deploy or delete, an admin deploys (recorded under its own name); HTTP basic and bearer tokens both work; probes,
 * metrics and the API description stay open.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerSecurityTest {

    private static final String VIEWER_SECRET = "viewer-secret-0123";
    private static final String OPERATOR_SECRET = "operator-secret-0123";
    private static final String ADMIN_SECRET = "admin-secret-0123";
    private static final String PIPELINE = """
            name: guarded
            tasks:
              - {id: a, kind: extract, source: {type: csv, path: /data/in.csv}}
            """;

    private final ConveyorStack stack;
    private final TopicNames topics = new TopicNames(ConveyorStack.uniqueName("secured"));
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer server;

    SchedulerSecurityTest(ConveyorStack stack) {
        this.stack = stack;
    }

    private static Map<String, Object> secured(Object users) {
        return Map.of("conveyor.security.enabled", true, "conveyor.security.users", users);
    }

    @BeforeAll
    void start() {
        stack.createTopics(3, topics.triggers());
        // As CONVEYOR_SECURITY_USERS gives them: one comma-separated value.
        server = RestApiServers.start(stack, topics, secured("vera:viewer:" + VIEWER_SECRET + ",otto:operator:" + OPERATOR_SECRET
                + ",ada:admin:" + ADMIN_SECRET));
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void anonymousCallsGet401WhileProbesMetricsAndTheApiDescriptionStayOpen() throws Exception {
        HttpResponse<String> pipelines = send(get("/pipelines"));
        assertThat(pipelines.statusCode()).isEqualTo(401);
        assertThat(pipelines.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        assertThat(send(post("/pipelines/guarded/runs", "{}")).statusCode()).isEqualTo(401);

        assertThat(send(get("/health/liveness")).statusCode()).isEqualTo(200);
        assertThat(send(get("/prometheus")).statusCode()).isEqualTo(200);
        assertThat(send(get("/swagger/conveyor-scheduler.yml")).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordOrAnUnknownTokenIsRefusedWith401() throws Exception {
        assertThat(send(basic(get("/pipelines"), "vera", OPERATOR_SECRET)).statusCode()).isEqualTo(401);
        assertThat(send(basic(get("/pipelines"), "nobody", VIEWER_SECRET)).statusCode()).isEqualTo(401);
        assertThat(send(bearer(get("/pipelines"), "not-a-known-token-000")).statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerReadsButItsTriggerIsForbidden() throws Exception {
        assertThat(send(basic(get("/pipelines"), "vera", VIEWER_SECRET)).statusCode()).isEqualTo(200);
        assertThat(send(bearer(get("/pipelines"), VIEWER_SECRET)).statusCode()).isEqualTo(200);

        assertThat(send(basic(post("/pipelines/guarded/runs", "{}"), "vera", VIEWER_SECRET)).statusCode()).isEqualTo(403);
    }

    @Test
    void deadLettersAreReadByViewersButReplayedAndDiscardedByOperatorsOnly() throws Exception {
        assertThat(send(get("/pipelines/guarded/dead-letters")).statusCode()).isEqualTo(401);
        assertThat(send(basic(post("/pipelines/guarded/dead-letters/replay", "{}"), "vera", VIEWER_SECRET)).statusCode())
                .isEqualTo(403);
        assertThat(send(basic(post("/pipelines/guarded/dead-letters/discard", "{\"reason\": \"x\"}"), "vera",
                VIEWER_SECRET)).statusCode()).isEqualTo(403);
        // Past the guard: no such pipeline is deployed here.
        assertThat(send(bearer(post("/pipelines/not-deployed/dead-letters/replay", "{}"), OPERATOR_SECRET)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAdminDeploysAnOperatorTriggersButNeitherDeploysNorDeletesAsAnOperator() throws Exception {
        assertThat(send(basic(yaml(PIPELINE), "otto", OPERATOR_SECRET)).statusCode()).isEqualTo(403);
        HttpResponse<String> deployed = send(basic(yaml(PIPELINE), "ada", ADMIN_SECRET));
        assertThat(deployed.statusCode()).as(deployed.body()).isIn(200, 201);
        assertThat(send(basic(get("/pipelines/guarded"), "vera", VIEWER_SECRET)).body()).contains("\"deployedBy\":\"ada\"")
                .doesNotContain("mallory");

        HttpResponse<String> triggered = send(bearer(post("/pipelines/guarded/runs", "{}"), OPERATOR_SECRET));
        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(202);
        assertThat(send(basic(post("/pipelines/guarded/pause", ""), "otto", OPERATOR_SECRET)).statusCode()).isEqualTo(200);
        assertThat(send(basic(HttpRequest.newBuilder(uri("/pipelines/guarded?confirm=guarded")).DELETE(), "otto",
                OPERATOR_SECRET)).statusCode()).isEqualTo(403);
    }

    @Test
    void securityOnWithoutAnyPrincipalOrWithABadEntryStopsTheStartNamingTheEntryButNotItsSecret() {
        assertThatThrownBy(() -> RestApiServers.context(stack, topics, secured(List.of())))
                .hasStackTraceContaining("names no principal");
        assertThatThrownBy(() -> RestApiServers.context(stack, topics, secured("vera:superuser:" + VIEWER_SECRET)))
                .hasStackTraceContaining("conveyor.security.users[0] (vera): unknown role 'superuser'")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(VIEWER_SECRET));
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder yaml(String pipeline) {
        // Who deploys is who signed in, whatever the request claims.
        return HttpRequest.newBuilder(uri("/pipelines?file=guarded.yaml&deployedBy=mallory")).header("Content-Type", "text/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(pipeline));
    }

    private static HttpRequest.Builder basic(HttpRequest.Builder request, String user, String password) {
        return request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpRequest.Builder bearer(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
