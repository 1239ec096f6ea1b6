package io.conveyor.extractor.source.parquet;

import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.pipeline.spec.source.ParquetSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * A Parquet file read with parquet-avro, one row group in memory at a time, each row as an Avro
 * record of the file's own schema (integer-backed decimals made Avro decimals: {@link IntegerDecimals}).
 * Read through parquet's plain (Hadoop-free) configuration and local file API, so no Hadoop jars are
 * needed. Position: rows read; a resume reads and skips them.
 */
public final class ParquetRecordSource implements RecordSource {

    private final ParquetReader<GenericRecord> reader;
    private final Optional<IntegerDecimals> integerDecimals;
    private long rows;

    private ParquetRecordSource(ParquetReader<GenericRecord> reader, Optional<IntegerDecimals> integerDecimals, long rows) {
        this.reader = reader;
        this.integerDecimals = integerDecimals;
        this.rows = rows;
    }

    public static ParquetRecordSource open(ParquetSource spec, SourceContext context) throws IOException {
        ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(Path.of(spec.path())),
                        new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .build();
        try {
            long skip = context.resumeFrom().map(Long::parseLong).orElse(0L);
            for (long i = 0; i < skip; i++) {
                if (reader.read() == null) {
                    throw new IOException(spec.path() + " has fewer than the " + skip + " rows already extracted");
                }
            }
            return new ParquetRecordSource(reader, IntegerDecimals.of(Path.of(spec.path())), skip);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public Optional<SourceItem> next() throws IOException {
        GenericRecord record = reader.read();
        if (record == null) {
            return Optional.empty();
        }
        rows++;
        return Optional.of(new SourceItem.Extracted(integerDecimals.isPresent() ? integerDecimals.get().convert(record) : record));
    }

    @Override
    public String position() {
        return Long.toString(rows);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
