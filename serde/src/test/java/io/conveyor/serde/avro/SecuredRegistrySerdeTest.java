package io.conveyor.serde.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.registry.http.EmbeddedSchemaRegistry;
import io.conveyor.serde.registry.RegistryClientException;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The serializers and the registry client the data services use, against Conveyor's registry with
 * authentication on: {@code basic.auth.user.info} (CONVEYOR_KAFKA_SCHEMA_REGISTRY_USER_INFO) of an
 * operator registers and reads, a viewer's reads but cannot register, and none at all is refused.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredRegistrySerdeTest {

    private static final String VIEWER = "vera:viewer-secret-0123";
    private static final String OPERATOR = "otto:operator-secret-0123";
    private static final Schema ORDER = new Schema.Parser().parse("""
            {"type":"record","name":"Order","namespace":"serde.secured","fields":[
              {"name":"id","type":"long"},{"name":"customer","type":"string"}]}""");

    private final ConveyorStack stack;
    private EmbeddedSchemaRegistry registry;

    SecuredRegistrySerdeTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    void start() {
        // A registry of its own beside the stack's open one, on its own storage topic.
        registry = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), 0, Map.of(
                "conveyor.registry.topic", ConveyorStack.uniqueName("_schemas-secured"),
                "conveyor.security.enabled", true,
                "conveyor.security.users", "vera:viewer:viewer-secret-0123,otto:operator:operator-secret-0123"));
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void theSerializerRegistersWithAnOperatorsUserInfoAndTheDeserializerReadsWithAViewers() {
        String topic = ConveyorStack.uniqueName("secured-orders");
        GenericRecord order = new GenericRecordBuilder(ORDER).set("id", 42L).set("customer", "ada").build();

        byte[] bytes = serializer(OPERATOR).serialize(topic, order);
        GenericRecord back = (GenericRecord) deserializer(VIEWER).deserialize(topic, bytes);

        assertThat(back.get("id")).isEqualTo(42L);
        assertThat(back.get("customer").toString()).isEqualTo("ada");
    }

    @Test
    void aViewersSerializerCannotRegisterAndOneWithoutCredentialsIsRefused() {
        String topic = ConveyorStack.uniqueName("refused-orders");
        GenericRecord order = new GenericRecordBuilder(ORDER).set("id", 1L).set("customer", "x").build();

        // The registry's refusal reaches the producer as the client's exception, as any other refusal does.
        assertThatThrownBy(() -> serializer(VIEWER).serialize(topic, order))
                .isInstanceOfSatisfying(RegistryClientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.errorCode()).isEqualTo(40301);
                    assertThat(e.getMessage()).contains("forbidden for 'vera'").doesNotContain("viewer-secret-0123");
                });
        assertThatThrownBy(() -> serializer(null).serialize(topic, order))
                .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.errorCode()).isEqualTo(40101));
    }

    @Test
    void theRegistryClientRegistersAsOperatorAndReadsAsViewer() {
        String subject = ConveyorStack.uniqueName("client") + "-value";
        SchemaRegistryClient operator = client(OPERATOR);
        SchemaRegistryClient viewer = client(VIEWER);

        int id = operator.register(subject, ORDER);

        assertThat(viewer.schema(id)).isEqualTo(ORDER);
        assertThat(viewer.id(subject, ORDER)).isEqualTo(id);
        assertThat(viewer.latest(subject).id()).isEqualTo(id);
        assertThatThrownBy(() -> client("otto:not-the-operator-secret").latest(subject))
                .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageNotContaining("not-the-operator-secret");
    }

    @Test
    void theClientOfTheSerdeSettingsCarriesTheirCredentialsAsTheLoaderAndTransformerUseIt() {
        String subject = ConveyorStack.uniqueName("settings") + "-value";
        SchemaRegistryClient fromSettings = AvroSerdeConfig.from(config(OPERATOR)).client();

        // What the services' health check asks, then what their codecs do.
        assertThat(fromSettings.compatibilityLevel()).isNotNull();
        int id = fromSettings.register(subject, ORDER);
        assertThat(client(VIEWER).latest(subject).id()).isEqualTo(id);
        assertThatThrownBy(() -> AvroSerdeConfig.from(config(null)).client().compatibilityLevel())
                .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    private SchemaRegistryClient client(String userInfo) {
        return new SchemaRegistryClient(List.of(registry.url()), Optional.of(userInfo), Duration.ofSeconds(30));
    }

    private ConfluentAvroSerializer<Object> serializer(String userInfo) {
        ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config(userInfo), false);
        return serializer;
    }

    private ConfluentAvroDeserializer<Object> deserializer(String userInfo) {
        ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config(userInfo), false);
        return deserializer;
    }

    private Map<String, Object> config(String userInfo) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        if (userInfo != null) {
            // As KafkaConnection passes CONVEYOR_KAFKA_SCHEMA_REGISTRY_USER_INFO to the services' serdes.
            config.put("basic.auth.credentials.source", "USER_INFO");
            config.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, userInfo);
        }
        return config;
    }
}
