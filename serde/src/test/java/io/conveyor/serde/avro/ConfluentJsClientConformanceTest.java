package io.conveyor.serde.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that Conveyor's registry and serdes speak Confluent's protocol as Confluent's own
 * JavaScript client ({@code @confluentinc/schemaregistry}, pinned in src/test/js/package.json)
 * understands it: REST answers and error codes, schema ids, and the wire format in both directions.
 * The JS side only reports what it saw; every judgement is made here.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfluentJsClientConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAVA_WRITTEN = "java-written.bin";
    private static final String JS_WRITTEN = "js-written.bin";
    /** What the JS serializer is asked to write; strings, a long beyond int range, a set nullable, an enum, a nested record. */
    private static final String JS_RECORD = """
            {"id": 5000000001, "destination": "Oslo", "parcels": 3, "note": "fragile", "status": "SHIPPED",
             "address": {"city": "Oslo", "postcode": null}}""";
    /** What the Java serializer writes, as the JS deserializer should print it; non-ASCII text and an unset nullable. */
    private static final String JAVA_RECORD = """
            {"id": 5000000002, "destination": "Zürich", "parcels": 1200, "note": null, "status": "DELIVERED",
             "address": {"city": "Zürich", "postcode": "8001"}}""";

    private final ConveyorStack stack;
    private Schema shipment;
    private Path scratch;
    private String jsTopic;
    private JsonNode results;

    ConfluentJsClientConformanceTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    void runConfluentJsClient() throws IOException {
        ConfluentJsDriver driver = ConfluentJsDriver.prepare(Path.of("src", "test", "js"), Path.of("target", "js-conformance"));
        shipment = new Schema.Parser().parse(driver.file("shipment.avsc").toFile());
        String prefix = ConveyorStack.uniqueName("js-conformance");
        jsTopic = prefix + "-js";
        String javaTopic = prefix + "-java";
        scratch = Files.createDirectories(Path.of("target", "js-conformance-scratch", prefix));

        Files.write(scratch.resolve(JAVA_WRITTEN), javaSerializer().serialize(javaTopic, javaShipment()));
        ObjectNode request = JSON.createObjectNode().put("prefix", prefix).put("jsTopic", jsTopic)
                .put("javaTopic", javaTopic).put("javaWritten", JAVA_WRITTEN);
        request.set("jsRecord", JSON.readTree(JS_RECORD));
        JSON.writeValue(scratch.resolve("request.json").toFile(), request);

        results = driver.run(stack.registryUrl(), scratch);
    }

    @Test
    void failuresCarryConfluentsStatusAndErrorCode() {
        Map<String, RestFailure> expected = Map.of(
                "incompatibleSchema", new RestFailure(409, 409),
                "unknownSubject", new RestFailure(404, 40401),
                "unknownSubjectVersions", new RestFailure(404, 40401),
                "unknownVersion", new RestFailure(404, 40402),
                "unknownId", new RestFailure(404, 40403),
                "unregisteredSchema", new RestFailure(404, 40403),
                "invalidSchema", new RestFailure(422, 42201),
                "invalidCompatibilityLevel", new RestFailure(422, 42203));

        SoftAssertions softly = new SoftAssertions();
        expected.forEach((scenario, failure) -> {
            JsonNode outcome = results.path("failures").path(scenario);
            softly.assertThat(RestFailure.of(outcome)).as("%s: %s", scenario, outcome).isEqualTo(failure);
        });
        softly.assertAll();
    }

    @Test
    void jsClientReadsSubjectsVersionsAndConfig() {
        SoftAssertions softly = new SoftAssertions();
        String global = value("globalCompatibilityRead").asText();
        softly.assertThat(global).as("global level").isIn("NONE", "BACKWARD", "FORWARD", "FULL",
                "BACKWARD_TRANSITIVE", "FORWARD_TRANSITIVE", "FULL_TRANSITIVE");
        softly.assertThat(value("globalCompatibilitySet").asText()).as("PUT /config answer").isEqualTo(global);
        softly.assertThat(value("globalConfigRead").path("compatibilityLevel").asText()).as("GET /config").isEqualTo(global);
        softly.assertThat(value("subjectCompatibilitySet").asText()).as("PUT /config/{subject} answer").isEqualTo("FULL");
        softly.assertThat(value("subjectCompatibilityRead").asText()).as("GET /config/{subject}").isEqualTo("FULL");
        softly.assertThat(value("subjectConfigRead").path("compatibilityLevel").asText()).isEqualTo("FULL");
        softly.assertThat(value("allVersions").toString()).as("versions").isEqualTo("[1]");
        softly.assertThat(value("latestMetadata").path("subject").asText()).isEqualTo(subject());
        softly.assertThat(value("latestMetadata").path("version").asInt()).isEqualTo(1);
        softly.assertThat(value("versionMetadata").path("version").asInt()).isEqualTo(1);
        softly.assertThat(value("versionBySchema").asInt()).as("version by schema").isEqualTo(1);
        softly.assertThat(value("compatibleEvolution").asBoolean()).as("added field with default is compatible").isTrue();
        softly.assertThat(value("incompatibleEvolution").isBoolean()).as("compatibility answer is a boolean").isTrue();
        softly.assertThat(value("incompatibleEvolution").asBoolean()).as("changed field type is incompatible").isFalse();
        softly.assertAll();
    }

    @Test
    void schemaIdsAgreeBetweenJsAndJavaClients() {
        int id = value("register").asInt();
        SchemaRegistryClient java = new SchemaRegistryClient(stack.registryUrl());

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(value("registerAgainFreshClient").asInt()).as("registering again").isEqualTo(id);
        softly.assertThat(value("idBySchema").asInt()).as("JS lookup by schema").isEqualTo(id);
        softly.assertThat(value("latestMetadata").path("id").asInt()).as("JS latest").isEqualTo(id);
        softly.assertThat(value("versionMetadata").path("id").asInt()).as("JS version 1").isEqualTo(id);
        softly.assertThat(new Schema.Parser().parse(value("schemaById").path("schema").asText()))
                .as("schema the JS client fetched by id").isEqualTo(shipment);
        softly.assertThat(java.latest(subject()).id()).as("Java latest").isEqualTo(id);
        softly.assertThat(java.id(subject(), shipment)).as("Java lookup by schema").isEqualTo(id);
        softly.assertThat(java.schema(id)).as("schema the Java client fetched by id").isEqualTo(shipment);
        softly.assertThat(frameId(read(JAVA_WRITTEN))).as("id the Java serializer got for the same schema under another subject")
                .isEqualTo(id);
        softly.assertAll();
    }

    @Test
    void javaDeserializerReadsWhatJsSerializerWrote() throws IOException {
        JsonNode written = results.path("serde").path("jsWrote");
        assertThat(written.has("value")).as("JS serializer: %s", written).isTrue();
        byte[] bytes = read(JS_WRITTEN);

        assertThat(bytes[0]).as("magic byte").isEqualTo((byte) 0);
        assertThat(frameId(bytes)).as("schema id in the frame").isEqualTo(value("register").asInt());
        GenericRecord decoded = (GenericRecord) javaDeserializer().deserialize(jsTopic, bytes);
        assertThat(decoded.getSchema()).isEqualTo(shipment);
        assertThat(decoded.get("id")).as("long field").isEqualTo(5_000_000_001L);
        assertThat(JSON.readTree(GenericData.get().toString(decoded))).isEqualTo(JSON.readTree(JS_RECORD));
    }

    @Test
    void jsDeserializerReadsWhatJavaSerializerWrote() throws IOException {
        JsonNode read = results.path("serde").path("jsReadJavaBytes");
        assertThat(read.has("value")).as("JS deserializer: %s", read).isTrue();

        assertThat(read.get("value")).isEqualTo(JSON.readTree(JAVA_RECORD));
    }

    private GenericRecord javaShipment() {
        Schema address = shipment.getField("address").schema();
        return new GenericRecordBuilder(shipment)
                .set("id", 5_000_000_002L)
                .set("destination", "Zürich")
                .set("parcels", 1200)
                .set("note", null)
                .set("status", new GenericData.EnumSymbol(shipment.getField("status").schema(), "DELIVERED"))
                .set("address", new GenericRecordBuilder(address).set("city", "Zürich").set("postcode", "8001").build())
                .build();
    }

    private ConfluentAvroSerializer<GenericRecord> javaSerializer() {
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl()), false);
        return serializer;
    }

    private ConfluentAvroDeserializer<Object> javaDeserializer() {
        ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl()), false);
        return deserializer;
    }

    private String subject() {
        return results.path("subject").asText();
    }

    /** A registry scenario's answer; fails with what the JS client reported when it has none. */
    private JsonNode value(String scenario) {
        JsonNode outcome = results.path("registry").path(scenario);
        assertThat(outcome.has("value")).as("JS client scenario %s: %s", scenario, outcome).isTrue();
        return outcome.get("value");
    }

    private byte[] read(String file) {
        try {
            return Files.readAllBytes(scratch.resolve(file));
        } catch (IOException e) {
            throw new AssertionError("No " + file + " in " + scratch, e);
        }
    }

    private static int frameId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** The HTTP status and Confluent error code the JS client surfaced for a refused request. */
    record RestFailure(int status, int errorCode) {

        static RestFailure of(JsonNode outcome) {
            JsonNode error = outcome.path("error");
            return new RestFailure(error.path("status").asInt(-1), error.path("errorCode").asInt(-1));
        }
    }
}
