package io.conveyor.loader.file;

import io.conveyor.serde.avro.AvroConversions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Parquet through parquet-avro, Snappy-compressed. Parts are small Parquet files; the output is
 * written record by record from them (row groups are bounded, so memory is too) with the first
 * part's schema: the records of one run share their task's schema.
 */
final class ParquetFormat implements RecordFormat {

    /** Memory per open writer is about one row group. */
    private static final long ROW_GROUP_BYTES = 8L * 1024 * 1024;

    @Override
    public PartFile open(Path file, Schema schema) throws IOException {
        ParquetWriter<GenericRecord> writer = writer(file, schema, AvroConversions.genericData());
        return new PartFile() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public void write(GenericRecord record) throws IOException {
                writer.write(record);
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }

    @Override
    public boolean combine(List<Path> parts, Path output) throws IOException {
        if (parts.isEmpty()) {
            return false;
        }
        ParquetWriter<GenericRecord> writer = null;
        try {
            for (Path part : parts) {
                try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(part),
                        new PlainParquetConfiguration()).withDataModel(GenericData.get()).build()) {
                    for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                        if (writer == null) {
                            writer = writer(output, record.getSchema(), GenericData.get());
                        }
                        writer.write(record);
                    }
                }
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        return writer != null;
    }

    private static ParquetWriter<GenericRecord> writer(Path file, Schema schema, GenericData model) throws IOException {
        return AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withDataModel(model)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }
}
