package io.conveyor.registry;

import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import io.conveyor.registry.RegistryHttp.Reply;
import io.conveyor.registry.http.EmbeddedSchemaRegistry;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

import static io.conveyor.registry.Schemas.USER_AGE_REQUIRED;
import static io.conveyor.registry.Schemas.USER_NO_DEFAULT;
import static io.conveyor.registry.Schemas.USER_V1;
import static io.conveyor.registry.Schemas.USER_V2;
import static org.assertj.core.api.Assertions.assertThat;

/** The registry's REST API, answer by answer, as Confluent documents it. */
class SchemaRegistryApiTest {

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp http;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults());
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void theOpenApiDocumentDescribesConfluentsEndpointsAndTheSwaggerUiServesItFromTheJar() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> document = client.send(HttpRequest.newBuilder(
                URI.create(registry.url() + "/swagger/conveyor-schema-registry.yml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        Map<String, Object> openApi = new Yaml().load(document.body());
        assertThat(String.valueOf(openApi.get("openapi"))).startsWith("3.");
        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) openApi.get("paths");
        assertThat(paths).containsKeys("/subjects", "/subjects/{subject}/versions", "/schemas/ids/{id}", "/config",
                "/compatibility/subjects/{subject}/versions/{version}");

        HttpResponse<String> ui = client.send(HttpRequest.newBuilder(
                URI.create(registry.url() + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("/swagger/conveyor-schema-registry.yml").doesNotContain("https://");
    }

    @Test
    void sameSchemaGetsTheSameIdInEverySubjectAndNoNewVersion() {
        String shared = USER_V1.replace("\"test\"", "\"shared\"");
        int id = registered("same-a", shared);

        assertThat(registered("same-a", shared)).isEqualTo(id);
        assertThat(registered("same-b", shared)).isEqualTo(id);
        assertThat(http.get("/subjects/same-a/versions").body().toString()).isEqualTo("[1]");
        assertThat(http.get("/schemas/ids/" + id + "/subjects").body().toString()).isEqualTo("[\"same-a\",\"same-b\"]");
        assertThat(http.get("/schemas/ids/" + id + "/versions").body().toString())
                .isEqualTo("[{\"subject\":\"same-a\",\"version\":1},{\"subject\":\"same-b\",\"version\":1}]");
    }

    @Test
    void versionsAreReadableByNumberLatestAndAsRawSchema() {
        int first = registered("read", USER_V1);
        int second = registered("read", USER_V2);

        Reply latest = http.get("/subjects/read/versions/latest");
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(latest.body().get("version").asInt()).isEqualTo(2);
        assertThat(latest.body().get("id").asInt()).isEqualTo(second).isNotEqualTo(first);
        assertThat(new Schema.Parser().parse(latest.body().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(USER_V2));
        assertThat(http.get("/subjects/read/versions/1").body().get("id").asInt()).isEqualTo(first);
        assertThat(http.get("/subjects/read/versions/1/schema").body().get("name").asText()).isEqualTo("User");
        assertThat(http.get("/schemas/ids/" + first).body().get("schema").asText()).contains("\"name\":\"User\"");
        assertThat(http.get("/schemas/types").body().toString()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void lookupUnderSubjectFindsTheVersionOrSaysWhatIsMissing() {
        registered("lookup", USER_V1);

        Reply found = http.post("/subjects/lookup", Map.of("schema", USER_V1));
        assertThat(found.status()).as("lookup answer %s", found.body()).isEqualTo(200);
        assertThat(found.body().get("version").asInt()).isEqualTo(1);
        assertThat(found.body().get("subject").asText()).isEqualTo("lookup");
        assertThat(http.post("/subjects/lookup", Map.of("schema", USER_V2)).errorCode()).isEqualTo(40403);
        assertThat(http.post("/subjects/nobody", Map.of("schema", USER_V1)).errorCode()).isEqualTo(40401);
    }

    @Test
    void errorsCarryConfluentStatusAndCodes() {
        registered("errors", USER_V1);

        assertError(http.get("/subjects/missing/versions"), 404, 40401);
        assertError(http.get("/subjects/errors/versions/7"), 404, 40402);
        assertError(http.get("/schemas/ids/99999"), 404, 40403);
        assertError(http.register("errors", "{\"type\":\"record\",\"name\":"), 422, 42201);
        assertError(http.register("errors", "{\"type\":\"record\",\"name\":\"Broken\",\"fields\":"
                + "[{\"name\":\"x\",\"type\":\"no.such.Type\"}]}"), 422, 42201);
        assertError(http.register("errors", "{\"type\":\"record\",\"name\":\"Broken\",\"fields\":"
                + "[{\"name\":\"x\",\"type\":\"int\",\"default\":\"ten\"}]}"), 422, 42201);
        assertError(http.post("/subjects/errors/versions", Map.of("schema", USER_V1, "schemaType", "PROTOBUF")), 422, 42201);
        assertError(http.get("/subjects/errors/versions/0"), 422, 42202);
        assertError(http.get("/subjects/errors/versions/first"), 422, 42202);
        assertError(http.put("/config", Map.of("compatibility", "SIDEWAYS")), 422, 42203);
        assertError(http.get("/config/errors"), 404, 40408);
        Reply incompatible = http.register("errors", USER_NO_DEFAULT);
        assertError(incompatible, 409, 409);
        assertThat(incompatible.body().get("message").asText()).contains("incompatible").contains("email");
    }

    @Test
    void softDeleteHidesVersionsAndPermanentDeleteRemovesThem() {
        registered("deletes", USER_V1);
        registered("deletes", USER_V2);

        assertError(http.delete("/subjects/deletes/versions/1?permanent=true"), 404, 40407);
        assertThat(http.delete("/subjects/deletes/versions/1").body().asInt()).isEqualTo(1);
        assertError(http.delete("/subjects/deletes/versions/1"), 404, 40406);
        assertThat(http.get("/subjects/deletes/versions").body().toString()).isEqualTo("[2]");
        assertThat(http.get("/subjects/deletes/versions?deleted=true").body().toString()).isEqualTo("[1,2]");
        assertThat(http.delete("/subjects/deletes/versions/1?permanent=true").body().asInt()).isEqualTo(1);
        assertThat(http.get("/subjects/deletes/versions?deleted=true").body().toString()).isEqualTo("[2]");

        assertError(http.delete("/subjects/deletes?permanent=true"), 404, 40405);
        assertThat(http.delete("/subjects/deletes").body().toString()).isEqualTo("[2]");
        assertError(http.delete("/subjects/deletes"), 404, 40404);
        assertThat(http.get("/subjects").body().toString()).doesNotContain("\"deletes\"");
        assertThat(http.get("/subjects?deleted=true").body().toString()).contains("\"deletes\"");
        assertThat(http.delete("/subjects/deletes?permanent=true").body().toString()).isEqualTo("[2]");
        assertError(http.get("/subjects/deletes/versions?deleted=true"), 404, 40401);
        assertThat(http.register("deletes", USER_V1).status()).isEqualTo(200);
    }

    @Test
    void subjectLevelOverridesGlobalAndCanBeCleared() {
        assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        registered("levels", USER_V1);

        assertThat(http.put("/config/levels", Map.of("compatibility", "none")).body().get("compatibility").asText())
                .isEqualTo("NONE");
        assertThat(http.get("/config/levels").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(http.register("levels", USER_NO_DEFAULT).status()).isEqualTo(200);
        assertThat(http.delete("/config/levels").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(http.get("/config/levels?defaultToGlobal=true").body().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void transitiveLevelsCheckEveryLiveVersion() {
        registered("transitive", USER_V1);
        registered("transitive", USER_V2);

        http.put("/config/transitive", Map.of("compatibility", "BACKWARD"));
        assertThat(http.post("/compatibility/subjects/transitive/versions", Map.of("schema", USER_AGE_REQUIRED))
                .body().get("is_compatible").asBoolean()).isTrue();

        http.put("/config/transitive", Map.of("compatibility", "BACKWARD_TRANSITIVE"));
        Reply verdict = http.post("/compatibility/subjects/transitive/versions?verbose=true", Map.of("schema", USER_AGE_REQUIRED));
        assertThat(verdict.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(verdict.body().get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT").contains("oldSchemaVersion: 1");
        assertError(http.register("transitive", USER_AGE_REQUIRED), 409, 409);
    }

    @Test
    void compatibilityAgainstOneVersionAnswersWithReasonsWhenVerbose() {
        registered("compat", USER_V1);

        Reply ok = http.post("/compatibility/subjects/compat/versions/latest", Map.of("schema", USER_V2));
        assertThat(ok.body().toString()).isEqualTo("{\"is_compatible\":true}");
        Reply bad = http.post("/compatibility/subjects/compat/versions/1?verbose=true", Map.of("schema", USER_NO_DEFAULT));
        assertThat(bad.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(bad.body().get("messages").toString()).contains("email");
        assertError(http.post("/compatibility/subjects/compat/versions/9", Map.of("schema", USER_V2)), 404, 40402);
    }

    private static int registered(String subject, String schema) {
        Reply reply = http.register(subject, schema);
        assertThat(reply.status()).as("registering under %s: %s", subject, reply.body()).isEqualTo(200);
        return reply.body().get("id").asInt();
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as("HTTP status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.errorCode()).as("error_code of %s", reply.body()).isEqualTo(errorCode);
        assertThat(reply.body().get("message").asText()).isNotBlank();
    }
}
