package io.conveyor.registry;

import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import io.conveyor.registry.RegistryHttp.Reply;
import io.conveyor.registry.http.EmbeddedSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Two registry instances on one storage topic, and a registry restarted on it. */
class RegistryReplicationTest {

    private static final int SCHEMAS_PER_INSTANCE = 15;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void twoInstancesWritingAtOnceAgreeOnEveryIdAndVersion() throws Exception {
        Map<String, Object> storage = Map.of("conveyor.registry.topic", "_schemas_concurrent");
        try (EmbeddedSchemaRegistry a = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, storage);
             EmbeddedSchemaRegistry b = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, storage)) {
            RegistryHttp onA = new RegistryHttp(a.url());
            RegistryHttp onB = new RegistryHttp(b.url());
            onA.put("/config", Map.of("compatibility", "NONE"));

            ExecutorService writers = Executors.newFixedThreadPool(2);
            Future<Map<String, Integer>> fromA = writers.submit(() -> registerMany(onA, "a"));
            Future<Map<String, Integer>> fromB = writers.submit(() -> registerMany(onB, "b"));
            Map<String, Integer> ids = new HashMap<>(fromA.get());
            ids.putAll(fromB.get());
            writers.shutdown();

            assertThat(new HashSet<>(ids.values())).as("distinct schemas get distinct ids").hasSize(2 * SCHEMAS_PER_INSTANCE);
            for (Map.Entry<String, Integer> entry : ids.entrySet()) {
                String schemaOnA = onA.get("/schemas/ids/" + entry.getValue()).body().get("schema").asText();
                String schemaOnB = onB.get("/schemas/ids/" + entry.getValue()).body().get("schema").asText();
                assertThat(schemaOnA).isEqualTo(schemaOnB).contains(entry.getKey());
            }
            // Reads are served from each instance's folded state; a write reads to the end first, so
            // re-registering a known schema brings both instances up to date before they are compared.
            String known = schemaNamed("Rec_a_0");
            assertThat(onA.register("shared", known).status()).isEqualTo(200);
            assertThat(onB.register("shared", known).status()).isEqualTo(200);
            List<Integer> expectedVersions = new ArrayList<>();
            for (int v = 1; v <= 2 * SCHEMAS_PER_INSTANCE; v++) {
                expectedVersions.add(v);
            }
            assertThat(versions(onA)).isEqualTo(versions(onB)).isEqualTo(expectedVersions);
        }
    }

    @Test
    void aRestartedRegistryKeepsIdsVersionsAndConfig() {
        Map<String, Object> storage = Map.of("conveyor.registry.topic", "_schemas_restart");
        Map<String, Integer> before = new HashMap<>();
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, storage)) {
            RegistryHttp http = new RegistryHttp(registry.url());
            before.put(Schemas.USER_V1, http.register("kept", Schemas.USER_V1).body().get("id").asInt());
            before.put(Schemas.USER_V2, http.register("kept", Schemas.USER_V2).body().get("id").asInt());
            http.put("/config/kept", Map.of("compatibility", "FULL"));
            http.delete("/subjects/kept/versions/1");
        }
        try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, storage)) {
            RegistryHttp http = new RegistryHttp(restarted.url());
            assertThat(http.post("/subjects/kept?deleted=true", Map.of("schema", Schemas.USER_V1)).body().get("id").asInt())
                    .isEqualTo(before.get(Schemas.USER_V1));
            assertThat(http.get("/subjects/kept/versions/latest").body().get("id").asInt())
                    .isEqualTo(before.get(Schemas.USER_V2));
            assertThat(http.get("/subjects/kept/versions").body().toString()).isEqualTo("[2]");
            assertThat(http.get("/config/kept").body().get("compatibilityLevel").asText()).isEqualTo("FULL");
            int newId = http.register("other", Schemas.USER_NO_DEFAULT).body().get("id").asInt();
            assertThat(newId).isNotIn(before.values());
        }
    }

    private static Map<String, Integer> registerMany(RegistryHttp http, String instance) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < SCHEMAS_PER_INSTANCE; i++) {
            String name = "Rec_" + instance + "_" + i;
            Reply reply = http.register("shared", schemaNamed(name));
            assertThat(reply.status()).as("register %s: %s", name, reply.body()).isEqualTo(200);
            ids.put(name, reply.body().get("id").asInt());
        }
        return ids;
    }

    private static String schemaNamed(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}";
    }

    private static List<Integer> versions(RegistryHttp http) {
        List<Integer> versions = new ArrayList<>();
        http.get("/subjects/shared/versions").body().forEach(v -> versions.add(v.asInt()));
        return versions;
    }
}
