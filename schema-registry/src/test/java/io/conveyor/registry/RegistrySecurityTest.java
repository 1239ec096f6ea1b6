package io.conveyor.registry;

import static io.conveyor.registry.Schemas.USER_V1;
import static io.conveyor.registry.Schemas.USER_V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import io.conveyor.registry.RegistryHttp.Reply;
import io.conveyor.registry.http.EmbeddedSchemaRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry with authentication on, as the compose and Kubernetes deployments run it: anonymous
 * calls get 401 with a Basic challenge, viewers read and look schemas up but may not register,
 * operators (the data services) register, admins configure and delete; every refusal is in
 * Confluent's error shape and names no secret. Probes, metrics and the API description stay open.
 */
class RegistrySecurityTest {

    private static final String VIEWER_SECRET = "viewer-secret-0123";
    private static final String OPERATOR_SECRET = "operator-secret-0123";
    private static final String ADMIN_SECRET = "admin-secret-0123";

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp anonymous;
    private static RegistryHttp viewer;
    private static RegistryHttp operator;
    private static RegistryHttp admin;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults());
        // As CONVEYOR_SECURITY_USERS gives them: one comma-separated value.
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, secured("vera:viewer:" + VIEWER_SECRET
                + ",otto:operator:" + OPERATOR_SECRET + ",ada:admin:" + ADMIN_SECRET));
        anonymous = new RegistryHttp(registry.url());
        viewer = anonymous.basic("vera", VIEWER_SECRET);
        operator = anonymous.basic("otto", OPERATOR_SECRET);
        admin = anonymous.basic("ada", ADMIN_SECRET);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        broker.close();
    }

    private static Map<String, Object> secured(Object users) {
        return Map.of("conveyor.security.enabled", true, "conveyor.security.users", users);
    }

    @Test
    void anonymousCallsGet401InConfluentsShapeWithABasicChallenge() {
        Reply subjects = anonymous.get("/subjects");
        assertThat(subjects.status()).isEqualTo(401);
        assertThat(subjects.wwwAuthenticate()).startsWith("Basic");
        assertThat(subjects.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(subjects.errorCode()).isEqualTo(40101);
        assertThat(subjects.body().path("message").asText()).startsWith("GET /subjects: unauthorized");

        assertThat(anonymous.register("anonymous-value", USER_V1).status()).isEqualTo(401);
        assertThat(anonymous.get("/schemas/ids/1").status()).isEqualTo(401);
        assertThat(anonymous.get("/config").status()).isEqualTo(401);
        assertThat(anonymous.get("/mode").status()).isEqualTo(401);
    }

    @Test
    void probesMetricsAndTheApiDescriptionStayOpen() {
        assertThat(anonymous.getRaw("/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.getRaw("/prometheus").statusCode()).isEqualTo(200);
        assertThat(anonymous.getRaw("/swagger/conveyor-schema-registry.yml").statusCode()).isEqualTo(200);
        assertThat(anonymous.getRaw("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordAnUnknownNameOrAnUnknownTokenGets401() {
        assertThat(anonymous.basic("vera", OPERATOR_SECRET).get("/subjects").status()).isEqualTo(401);
        assertThat(anonymous.basic("nobody", VIEWER_SECRET).get("/subjects").status()).isEqualTo(401);
        Reply unknownToken = anonymous.bearer("not-a-known-token-000").get("/subjects");
        assertThat(unknownToken.status()).isEqualTo(401);
        assertThat(unknownToken.errorCode()).isEqualTo(40101);
    }

    @Test
    void aViewerReadsAndLooksUpButItsRegistrationIsForbiddenNamingNoSecret() {
        int id = operator.register("viewed-value", USER_V1).body().path("id").asInt();
        assertThat(id).isPositive();

        assertThat(viewer.get("/subjects").status()).isEqualTo(200);
        assertThat(viewer.get("/subjects/viewed-value/versions/latest").body().path("id").asInt()).isEqualTo(id);
        assertThat(viewer.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(viewer.get("/config").status()).isEqualTo(200);
        assertThat(viewer.get("/mode").status()).isEqualTo(200);
        // POST, but only a look-up: a viewer's.
        assertThat(viewer.post("/subjects/viewed-value", Map.of("schema", USER_V1)).body().path("id").asInt()).isEqualTo(id);
        assertThat(viewer.post("/compatibility/subjects/viewed-value/versions/latest", Map.of("schema", USER_V2)).body()
                .path("is_compatible").asBoolean()).isTrue();
        assertThat(anonymous.bearer(VIEWER_SECRET).get("/subjects").status()).isEqualTo(200);

        Reply registered = viewer.register("viewed-value", USER_V2);
        assertThat(registered.status()).isEqualTo(403);
        assertThat(registered.errorCode()).isEqualTo(40301);
        assertThat(registered.body().path("message").asText())
                .startsWith("POST /subjects/viewed-value/versions: forbidden for 'vera'")
                .doesNotContain(VIEWER_SECRET);
        assertThat(viewer.get("/subjects/viewed-value/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void anOperatorRegistersWithBasicOrBearerButNeitherConfiguresNorDeletes() {
        Reply registered = operator.register("operated-value", USER_V1);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(anonymous.bearer(OPERATOR_SECRET).register("operated-value", USER_V2).status()).isEqualTo(200);
        assertThat(operator.get("/subjects/operated-value/versions").body().toString()).isEqualTo("[1,2]");

        assertThat(operator.put("/config/operated-value", Map.of("compatibility", "NONE")).status()).isEqualTo(403);
        assertThat(operator.put("/config", Map.of("compatibility", "NONE")).status()).isEqualTo(403);
        assertThat(operator.delete("/subjects/operated-value/versions/1").status()).isEqualTo(403);
        assertThat(operator.delete("/subjects/operated-value").status()).isEqualTo(403);
        assertThat(operator.get("/subjects/operated-value/versions").body().toString()).isEqualTo("[1,2]");
    }

    @Test
    void anAdminSetsTheConfigurationAndDeletesVersionsAndSubjects() {
        assertThat(admin.register("administered-value", USER_V1).status()).isEqualTo(200);
        assertThat(admin.register("administered-value", USER_V2).status()).isEqualTo(200);

        Reply configured = admin.put("/config/administered-value", Map.of("compatibility", "FULL"));
        assertThat(configured.status()).isEqualTo(200);
        assertThat(viewer.get("/config/administered-value").body().path("compatibilityLevel").asText()).isEqualTo("FULL");
        assertThat(admin.delete("/config/administered-value").status()).isEqualTo(200);

        assertThat(admin.delete("/subjects/administered-value/versions/2").body().asInt()).isEqualTo(2);
        assertThat(admin.delete("/subjects/administered-value").body().toString()).isEqualTo("[1]");
        assertThat(viewer.get("/subjects").body().toString()).doesNotContain("administered-value");
    }

    @Test
    void securityOnWithoutAnyPrincipalOrWithABadEntryStopsTheStartNamingTheEntryButNotItsSecret() {
        assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, secured(List.of())).close())
                .hasStackTraceContaining("names no principal");
        assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0,
                secured("vera:superuser:" + VIEWER_SECRET)).close())
                .hasStackTraceContaining("conveyor.security.users[0] (vera): unknown role 'superuser'")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(VIEWER_SECRET));
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
