package io.conveyor.extractor.source.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.pipeline.spec.source.ParquetSource;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ParquetRecordSourceTest {

    static final Schema SCHEMA = SchemaBuilder.record("Sale").namespace("test").fields()
            .requiredLong("id").optionalString("item").requiredDouble("price").endRecord();

    @TempDir
    Path dir;

    @Test
    void readsRowsWithTheFilesSchemaAndResumesAfterARowCount() throws Exception {
        Path file = write(dir.resolve("sales.parquet"), 5, CompressionCodecName.SNAPPY);
        List<GenericRecord> rows = read(file, Optional.empty());
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(rows.get(1).get("item").toString()).isEqualTo("item-1");
        assertThat(rows.get(0).getSchema().getField("price").schema().getType()).isEqualTo(Schema.Type.DOUBLE);
        assertThat(read(file, Optional.of("3"))).extracting(r -> r.get("id")).containsExactly(3L, 4L);
    }

    /**
     * A file written without an Avro schema, as pyarrow, Spark or DuckDB write them: parquet-avro
     * derives the Avro types from the Parquet logical types, instants (isAdjustedToUTC) apart from
     * wall-clock timestamps, and the loader maps those on (docs/configuration-loader.md).
     */
    @Test
    void aFileWithoutAnAvroSchemaGetsTheAvroLogicalTypesOfItsParquetTypes() throws Exception {
        MessageType parquet = MessageTypeParser.parseMessageType("""
                message typed {
                  required int64 id;
                  optional boolean flag;
                  optional int32 small (INTEGER(16,true));
                  optional float ratio;
                  optional double amount;
                  optional binary name (STRING);
                  optional binary raw;
                  optional fixed_len_byte_array(16) ref (UUID);
                  optional int64 price (DECIMAL(12,2));
                  optional fixed_len_byte_array(9) big (DECIMAL(20,4));
                  optional int32 day (DATE);
                  optional int32 tod_millis (TIME(MILLIS,true));
                  optional int64 tod_micros (TIME(MICROS,true));
                  optional int64 at_millis (TIMESTAMP(MILLIS,true));
                  optional int64 at_micros (TIMESTAMP(MICROS,true));
                  optional int64 wall_millis (TIMESTAMP(MILLIS,false));
                  optional int64 wall_micros (TIMESTAMP(MICROS,false));
                }""");
        Path file = dir.resolve("typed.parquet");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(parquet)
                .withConf(new PlainParquetConfiguration()).build()) {
            writer.write(new SimpleGroupFactory(parquet).newGroup().append("id", 1L).append("flag", true)
                    .append("small", -3).append("ratio", 1.5f).append("amount", 0.1).append("name", "Zoë")
                    .append("raw", Binary.fromConstantByteArray(new byte[] {0, 1, (byte) 0xff}))
                    .append("ref", Binary.fromConstantByteArray(new byte[16])).append("price", -1234567L)
                    .append("big", Binary.fromConstantByteArray(new BigDecimal("1234567890123456.7890").unscaledValue()
                            .toByteArray())).append("day", 19_782).append("tod_millis", 25_689_123)
                    .append("tod_micros", 86_399_999_999L).append("at_millis", 1_714_979_289_123L)
                    .append("at_micros", 1_714_979_289_123_456L).append("wall_millis", 1_711_852_200_123L)
                    .append("wall_micros", 1_711_852_200_123_456L));
        }

        GenericRecord row = read(file, Optional.empty()).get(0);

        Map<String, String> types = new LinkedHashMap<>();
        row.getSchema().getFields().forEach(field -> {
            Schema type = field.schema().getType() == Schema.Type.UNION ? field.schema().getTypes().get(1) : field.schema();
            types.put(field.name(), type.getType().getName() + (type.getLogicalType() == null ? ""
                    : " " + type.getLogicalType().getName()));
        });
        assertThat(types).containsExactly(entry("id", "long"), entry("flag", "boolean"), entry("small", "int"),
                entry("ratio", "float"), entry("amount", "double"), entry("name", "string"), entry("raw", "bytes"),
                entry("ref", "string uuid"), entry("price", "bytes decimal"), entry("big", "fixed decimal"), entry("day", "int date"),
                entry("tod_millis", "int time-millis"), entry("tod_micros", "long time-micros"),
                entry("at_millis", "long timestamp-millis"), entry("at_micros", "long timestamp-micros"),
                entry("wall_millis", "long local-timestamp-millis"), entry("wall_micros", "long local-timestamp-micros"));
        Schema price = row.getSchema().getField("price").schema().getTypes().get(1);
        assertThat(new Conversions.DecimalConversion().fromBytes((ByteBuffer) row.get("price"), price, price.getLogicalType()))
                .isEqualTo(new BigDecimal("-12345.67"));
        Schema big = row.getSchema().getField("big").schema().getTypes().get(1);
        assertThat(new Conversions.DecimalConversion().fromFixed((GenericFixed) row.get("big"), big, big.getLogicalType()))
                .isEqualTo(new BigDecimal("1234567890123456.7890"));
        assertThat(row.get("at_micros")).isEqualTo(1_714_979_289_123_456L);
        assertThat(row.get("wall_micros")).isEqualTo(1_711_852_200_123_456L);
    }

    public static Path write(Path file, int rows, CompressionCodecName codec) throws Exception {
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withDataModel(GenericData.get()).withSchema(SCHEMA).withCompressionCodec(codec).build()) {
            for (int i = 0; i < rows; i++) {
                GenericRecord record = new GenericData.Record(SCHEMA);
                record.put("id", (long) i);
                record.put("item", "item-" + i);
                record.put("price", i * 1.5);
                writer.write(record);
            }
        }
        return file;
    }

    private static List<GenericRecord> read(Path file, Optional<String> resume) throws Exception {
        List<GenericRecord> rows = new ArrayList<>();
        try (RecordSource source = ParquetRecordSource.open(new ParquetSource(file.toString()),
                new SourceContext("p_t", resume, Optional.empty(), Map.of()))) {
            for (Optional<SourceItem> item = source.next(); item.isPresent(); item = source.next()) {
                rows.add(((SourceItem.Extracted) item.get()).record());
            }
        }
        return rows;
    }
}
