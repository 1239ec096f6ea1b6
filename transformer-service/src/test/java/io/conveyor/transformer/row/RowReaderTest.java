package io.conveyor.transformer.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class RowReaderTest {

    @Test
    void readsCsvStyleRecordAsStringsInFieldOrder() {
        Schema csv = new Schema.Parser().parse("""
                {"type": "record", "name": "Line", "fields": [
                  {"name": "b", "type": ["null", "string"]}, {"name": "a", "type": ["null", "string"]}]}
                """);
        GenericRecord record = new GenericData.Record(csv);
        record.put("b", new Utf8("x"));

        Row row = RowReader.read(record);

        assertThat(row.fieldNames()).containsExactly("b", "a");
        assertThat(row.get("b")).isEqualTo("x");
        assertThat(row.has("a")).isTrue();
        assertThat(row.get("a")).isNull();
    }

    @Test
    void turnsLogicalTypesAndNestedValuesIntoJavaValues() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Doc", "fields": [
                  {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2}},
                  {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                  {"name": "at", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
                  {"name": "owner", "type": {"type": "record", "name": "Owner", "fields": [{"name": "name", "type": "string"}]}},
                  {"name": "tags", "type": {"type": "array", "items": "string"}}
                ]}
                """);
        Schema priceSchema = schema.getField("price").schema();
        ByteBuffer price = new Conversions.DecimalConversion()
                .toBytes(new BigDecimal("3.10"), priceSchema, priceSchema.getLogicalType());
        GenericRecord owner = new GenericData.Record(schema.getField("owner").schema());
        owner.put("name", new Utf8("Ann"));
        GenericRecord record = new GenericData.Record(schema);
        record.put("price", price);
        record.put("day", 19_783);
        record.put("at", 1_709_288_130_000L);
        record.put("owner", owner);
        record.put("tags", List.of(new Utf8("t1")));

        Row row = RowReader.read(record);

        assertThat(row.get("price")).isEqualTo(new BigDecimal("3.10"));
        assertThat(price.position()).isZero();
        assertThat(row.get("day")).isEqualTo(LocalDate.ofEpochDay(19_783));
        assertThat(row.get("at")).isEqualTo(Instant.ofEpochMilli(1_709_288_130_000L));
        assertThat(row.get("owner")).isEqualTo(Map.of("name", "Ann"));
        assertThat(row.get("tags")).isEqualTo(List.of("t1"));
    }
}
