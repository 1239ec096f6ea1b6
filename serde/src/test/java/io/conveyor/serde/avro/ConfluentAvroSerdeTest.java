package io.conveyor.serde.avro;

import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.serde.registry.RegistryClientException;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(ConveyorStackExtension.class)
class ConfluentAvroSerdeTest {

    private static final Schema ORDER_V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Order","namespace":"serde.test","fields":[
              {"name":"id","type":"long"},{"name":"customer","type":"string"}]}""");
    private static final Schema ORDER_V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Order","namespace":"serde.test","fields":[
              {"name":"id","type":"long"},{"name":"customer","type":"string"},
              {"name":"channel","type":"string","default":"web"}]}""");

    private final ConveyorStack stack;
    private String topic;

    ConfluentAvroSerdeTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void newTopic() {
        topic = ConveyorStack.uniqueName("orders");
    }

    @Test
    void writesMagicByteThenBigEndianIdThenAvroBinary() {
        byte[] bytes = serializer(Map.of()).serialize(topic, order(ORDER_V1, 7, "ada"));

        int id = new SchemaRegistryClient(stack.registryUrl()).latest(topic + "-value").id();
        ByteBuffer frame = ByteBuffer.wrap(bytes);
        assertThat(frame.get()).isEqualTo((byte) 0);
        assertThat(frame.getInt()).isEqualTo(id);
        // Avro binary of {id: 7L, customer: "ada"}: zig-zag varint 14, then length 6 (3 chars) and the UTF-8 bytes.
        assertThat(frame.remaining()).isEqualTo(5);
        assertThat(new byte[] {frame.get(), frame.get(), frame.get(), frame.get(), frame.get()})
                .containsExactly(14, 6, 'a', 'd', 'a');
    }

    @Test
    void oneSerializerSwitchingBetweenSchemasAndTopicsFramesEachRecordWithItsOwnId() {
        ConfluentAvroSerializer<Object> serializer = serializer(Map.of());
        String other = ConveyorStack.uniqueName("orders");
        // An equal schema as another instance, as a transform that builds its output schema per run has.
        Schema v1Again = new Schema.Parser().parse(ORDER_V1.toString());

        byte[] first = serializer.serialize(topic, order(ORDER_V1, 1, "ada"));
        byte[] second = serializer.serialize(topic, order(ORDER_V2, 2, "bob"));
        byte[] third = serializer.serialize(topic, order(v1Again, 3, "cy"));
        byte[] elsewhere = serializer.serialize(other, order(ORDER_V1, 4, "di"));

        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        int v1 = registry.id(topic + "-value", ORDER_V1);
        int v2 = registry.id(topic + "-value", ORDER_V2);
        assertThat(v1).isNotEqualTo(v2);
        assertThat(ByteBuffer.wrap(first, 1, 4).getInt()).isEqualTo(v1);
        assertThat(ByteBuffer.wrap(second, 1, 4).getInt()).isEqualTo(v2);
        assertThat(ByteBuffer.wrap(third, 1, 4).getInt()).isEqualTo(v1);
        assertThat(ByteBuffer.wrap(elsewhere, 1, 4).getInt()).isEqualTo(registry.id(other + "-value", ORDER_V1));
        assertThat(deserializer(Map.of()).deserialize(topic, second)).isEqualTo(order(ORDER_V2, 2, "bob"));
        assertThat(deserializer(Map.of()).deserialize(other, elsewhere)).isEqualTo(order(ORDER_V1, 4, "di"));
    }

    @Test
    void genericRecordsRoundTripUnderTopicNameStrategy() {
        GenericRecord order = order(ORDER_V1, 42, "grace");

        Object back = deserializer(Map.of()).deserialize(topic, serializer(Map.of()).serialize(topic, order));

        assertThat(back).isEqualTo(order);
        assertThat(new SchemaRegistryClient(stack.registryUrl()).latest(topic + "-value").schema()).isEqualTo(ORDER_V1);
    }

    @Test
    void specificRecordsRoundTripWithLogicalTypes() {
        TaskStatus status = TaskStatus.newBuilder().setRunId("run-1").setTaskId("extract").setAttempt(2)
                .setState(TaskStatusType.SUCCEEDED).setCounts(new TaskCounts(10L, 9L, 1L, 0L))
                .setTime(Instant.parse("2026-11-24T10:15:30.123Z")).build();

        Object back = deserializer(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true))
                .deserialize(topic, serializer(Map.of()).serialize(topic, status));

        assertThat(back).isInstanceOf(TaskStatus.class).isEqualTo(status);
    }

    @Test
    void recordNameStrategyRegistersUnderTheRecordsFullName() {
        serializer(Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy")).serialize(topic, order(ORDER_V1, 1, "x"));

        assertThat(new SchemaRegistryClient(stack.registryUrl()).latest("serde.test.Order").schema()).isEqualTo(ORDER_V1);
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaIsRefused() {
        ConfluentAvroSerializer<Object> strict = serializer(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        assertThatThrownBy(() -> strict.serialize(topic, order(ORDER_V1, 1, "x")))
                .isInstanceOf(RegistryClientException.class)
                .satisfies(e -> assertThat(((RegistryClientException) e).errorCode()).isEqualTo(40401));

        serializer(Map.of()).serialize(topic, order(ORDER_V1, 1, "x"));
        assertThat(strict.serialize(topic, order(ORDER_V1, 2, "y"))).isNotEmpty();
    }

    @Test
    void readerSchemaResolutionFillsDefaultsForOldData() {
        byte[] oldData = serializer(Map.of()).serialize(topic, order(ORDER_V1, 5, "old"));
        serializer(Map.of()).serialize(topic, order(ORDER_V2, 6, "new"));

        GenericRecord read = (GenericRecord) deserializer(Map.of(AvroSerdeConfig.USE_LATEST_VERSION, true))
                .deserialize(topic, oldData);

        assertThat(read.getSchema()).isEqualTo(ORDER_V2);
        assertThat(read.get("channel").toString()).isEqualTo("web");
        assertThat(read.get("customer").toString()).isEqualTo("old");
    }

    @Test
    void useLatestVersionWritesWithTheRegisteredSchemaAndItsId() {
        SchemaRegistryClient client = new SchemaRegistryClient(stack.registryUrl());
        int v2 = client.register(topic + "-value", ORDER_V2);

        byte[] bytes = serializer(Map.of(AvroSerdeConfig.USE_LATEST_VERSION, true, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false))
                .serialize(topic, order(ORDER_V1, 9, "v1 record"));

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(v2);
        GenericRecord read = (GenericRecord) deserializer(Map.of()).deserialize(topic, bytes);
        assertThat(read.get("channel").toString()).isEqualTo("web");
    }

    @Test
    void primitivesUseTheirAvroSchemas() {
        byte[] key = keySerializer().serialize(topic, "order-17");

        assertThat(new SchemaRegistryClient(stack.registryUrl()).latest(topic + "-key").schema().getType())
                .isEqualTo(Schema.Type.STRING);
        ConfluentAvroDeserializer<Object> keys = new ConfluentAvroDeserializer<>();
        keys.configure(stack.clientConfig(), true);
        assertThat(keys.deserialize(topic, key)).isEqualTo("order-17");
    }

    @Test
    void foreignBytesAreRefusedWithTheReason() {
        ConfluentAvroDeserializer<Object> deserializer = deserializer(Map.of());

        assertThatThrownBy(() -> deserializer.deserialize(topic, new byte[] {1, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Unknown magic byte 1");
        assertThatThrownBy(() -> deserializer.deserialize(topic, new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("too short");
    }

    private ConfluentAvroSerializer<Object> serializer(Map<String, Object> extra) {
        ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config(extra), false);
        return serializer;
    }

    private ConfluentAvroSerializer<Object> keySerializer() {
        ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config(Map.of()), true);
        return serializer;
    }

    private ConfluentAvroDeserializer<Object> deserializer(Map<String, Object> extra) {
        ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config(extra), false);
        return deserializer;
    }

    private Map<String, Object> config(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.putAll(extra);
        return config;
    }

    private static GenericRecord order(Schema schema, long id, String customer) {
        return new GenericRecordBuilder(schema).set("id", id).set("customer", customer).build();
    }

}
