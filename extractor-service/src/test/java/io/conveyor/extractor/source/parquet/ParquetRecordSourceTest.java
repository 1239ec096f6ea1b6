package io.conveyor.extractor.source.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.pipeline.spec.source.ParquetSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
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
