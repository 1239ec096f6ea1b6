package io.conveyor.transformer.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.transformer.row.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class SchemaEnforcerTest {

    private static final Schema ORDER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "long"},
              {"name": "qty", "type": "int"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 6, "scale": 2}},
              {"name": "fee", "type": ["null", {"type": "fixed", "name": "Fee", "size": 4,
                 "logicalType": "decimal", "precision": 8, "scale": 3}], "default": null},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "atMicros", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}], "default": null},
              {"name": "ref", "type": ["null", {"type": "string", "logicalType": "uuid"}], "default": null},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "currency", "type": "string", "default": "EUR"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}, "default": "NEW"}
            ]}
            """);

    private final SchemaEnforcer enforcer = new SchemaEnforcer(ORDER);

    private static Map<String, Object> validOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", 7L);
        fields.put("qty", 3);
        fields.put("amount", new BigDecimal("12.5"));
        fields.put("day", LocalDate.of(2024, 3, 1));
        fields.put("at", Instant.parse("2024-03-01T10:15:30.123Z"));
        return fields;
    }

    private GenericRecord enforce(Map<String, Object> fields) throws SchemaViolation {
        return enforcer.enforce(Row.of(fields));
    }

    @Test
    void encodesLogicalTypesAsAvroRawValues() throws Exception {
        Map<String, Object> fields = validOrder();
        fields.put("fee", new BigDecimal("1.5"));
        fields.put("atMicros", Instant.parse("2024-03-01T10:15:30.123456Z"));
        fields.put("ref", "123e4567-e89b-12d3-a456-426614174000");

        GenericRecord record = enforce(fields);

        Schema amountSchema = ORDER.getField("amount").schema();
        BigDecimal amount = new Conversions.DecimalConversion()
                .fromBytes((ByteBuffer) record.get("amount"), amountSchema, amountSchema.getLogicalType());
        assertThat(amount).isEqualTo(new BigDecimal("12.50"));
        Schema feeSchema = ORDER.getField("fee").schema().getTypes().get(1);
        BigDecimal fee = new Conversions.DecimalConversion()
                .fromFixed((GenericFixed) record.get("fee"), feeSchema, LogicalTypes.decimal(8, 3));
        assertThat(fee).isEqualTo(new BigDecimal("1.500"));
        assertThat(record.get("day")).isEqualTo((int) LocalDate.of(2024, 3, 1).toEpochDay());
        assertThat(record.get("at")).isEqualTo(Instant.parse("2024-03-01T10:15:30.123Z").toEpochMilli());
        assertThat(record.get("atMicros")).isEqualTo(1_709_288_130_123_456L);
        assertThat(record.get("ref")).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(serialize(record)).isNotEmpty();
    }

    @Test
    void optionalFieldsBecomeNullAndAbsentFieldsTakeDefaults() throws Exception {
        GenericRecord record = enforce(validOrder());

        assertThat(record.get("note")).isNull();
        assertThat(record.get("fee")).isNull();
        assertThat(record.get("currency").toString()).isEqualTo("EUR");
        assertThat(record.get("status").toString()).isEqualTo("NEW");
        assertThat(serialize(record)).isNotEmpty();
    }

    @Test
    void explicitNullInRequiredFieldWithDefaultTakesTheDefault() throws Exception {
        Map<String, Object> fields = validOrder();
        fields.put("currency", null);

        assertThat(enforce(fields).get("currency").toString()).isEqualTo("EUR");
    }

    @Test
    void dropsRowFieldsTheSchemaDoesNotName() throws Exception {
        Map<String, Object> fields = validOrder();
        fields.put("unmapped", "x");

        GenericRecord record = enforce(fields);

        assertThat(record.getSchema().getField("unmapped")).isNull();
        assertThat(record.get("id")).isEqualTo(7L);
    }

    @Test
    void rejectsMissingRequiredFieldNamingFieldAndType() {
        Map<String, Object> fields = validOrder();
        fields.remove("id");

        assertThatThrownBy(() -> enforce(fields))
                .isInstanceOfSatisfying(SchemaViolation.class, e -> {
                    assertThat(e.field()).isEqualTo("id");
                    assertThat(e.expectedType()).isEqualTo("long");
                })
                .hasMessage("field 'id' (long): required but missing");
    }

    @Test
    void rejectsNullInRequiredFieldWithoutDefault() {
        Map<String, Object> fields = validOrder();
        fields.put("qty", null);

        assertThatThrownBy(() -> enforce(fields)).hasMessage("field 'qty' (int): required but null");
    }

    @Test
    void narrowsWholeNumbersExactlyAndRejectsWhatDoesNotFit() throws Exception {
        Map<String, Object> fields = validOrder();
        fields.put("qty", 5L);
        assertThat(enforce(fields).get("qty")).isEqualTo(5);

        fields.put("qty", 3_000_000_000L);
        assertThatThrownBy(() -> enforce(fields)).hasMessageContaining("field 'qty' (int)")
                .hasMessageContaining("outside the int range");

        fields.put("qty", 2.5);
        assertThatThrownBy(() -> enforce(fields)).hasMessageContaining("not a whole number");
    }

    @Test
    void rejectsTextWhereANumberIsExpected() {
        Map<String, Object> fields = validOrder();
        fields.put("id", "7");

        assertThatThrownBy(() -> enforce(fields)).hasMessage("field 'id' (long): cannot hold \"7\"");
    }

    @Test
    void rejectsDecimalsThatNeedRoundingOrMoreDigits() {
        Map<String, Object> fields = validOrder();
        fields.put("amount", new BigDecimal("1.234"));
        assertThatThrownBy(() -> enforce(fields))
                .isInstanceOfSatisfying(SchemaViolation.class, e -> assertThat(e.expectedType()).isEqualTo("decimal(6,2)"))
                .hasMessageContaining("field 'amount' (decimal(6,2)): cannot represent 1.234");

        fields.put("amount", new BigDecimal("12345.6"));
        assertThatThrownBy(() -> enforce(fields)).hasMessageContaining("field 'amount' (decimal(6,2))");
    }

    @Test
    void rejectsInvalidUuidAndUnknownEnumSymbol() {
        Map<String, Object> fields = validOrder();
        fields.put("ref", "not-a-uuid");
        assertThatThrownBy(() -> enforce(fields)).hasMessageContaining("field 'ref' (uuid): cannot represent \"not-a-uuid\"");

        fields.remove("ref");
        fields.put("status", "LOST");
        assertThatThrownBy(() -> enforce(fields))
                .hasMessage("field 'status' (enum Status): \"LOST\" is not one of [NEW, PAID]");
    }

    @Test
    void buildsNestedRecordsArraysAndMapsAndNamesTheNestedPath() throws Exception {
        Schema customer = new Schema.Parser().parse("""
                {"type": "record", "name": "Customer", "fields": [
                  {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
                    {"name": "city", "type": "string"}, {"name": "zip", "type": "int"}]}},
                  {"name": "tags", "type": {"type": "array", "items": "string"}},
                  {"name": "attrs", "type": {"type": "map", "values": "long"}, "default": {}}
                ]}
                """);
        SchemaEnforcer nested = new SchemaEnforcer(customer);
        Map<String, Object> address = new LinkedHashMap<>(Map.of("city", "Berlin", "zip", 10115));
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("address", address, "tags", List.of("a", "b")));

        GenericRecord record = nested.enforce(Row.of(fields));

        assertThat(((GenericRecord) record.get("address")).get("city")).isEqualTo("Berlin");
        assertThat(record.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(record.get("attrs")).isEqualTo(Map.of());
        assertThat(serialize(record)).isNotEmpty();

        address.put("zip", "10115");
        assertThatThrownBy(() -> nested.enforce(Row.of(fields))).hasMessage("field 'address.zip' (int): cannot hold \"10115\"");

        address.put("zip", 10115);
        fields.put("tags", List.of("a", 3));
        assertThatThrownBy(() -> nested.enforce(Row.of(fields))).hasMessage("field 'tags[1]' (string): cannot hold 3 (Integer)");
    }

    @Test
    void defaultsAreNotSharedBetweenRecords() throws Exception {
        Schema withList = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "items", "type": {"type": "array", "items": "int"}, "default": []}]}
                """);
        SchemaEnforcer listEnforcer = new SchemaEnforcer(withList);

        GenericRecord first = listEnforcer.enforce(new Row());
        GenericRecord second = listEnforcer.enforce(new Row());

        assertThat(first.get("items")).isNotSameAs(second.get("items"));
    }

    @Test
    void refusesNonRecordTargetSchema() {
        assertThatThrownBy(() -> new SchemaEnforcer(Schema.create(Schema.Type.STRING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record schema");
    }

    private static byte[] serialize(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema(), GenericData.get()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
