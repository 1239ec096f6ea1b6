package io.conveyor.loader.file;

import io.conveyor.pipeline.spec.sink.FileFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;

/** One output format: how part files are written and how a run's parts become its output file. */
interface RecordFormat {

    PartFile open(Path file, Schema schema) throws IOException;

    /**
     * Writes the records of {@code parts}, in order, to {@code output}, streaming; answers false
     * when there is nothing to write (a format that needs a schema and got no part).
     */
    boolean combine(List<Path> parts, Path output) throws IOException;

    static RecordFormat of(FileFormat format) {
        return switch (format) {
            case CSV -> new TextFormat(new CsvLines());
            case JSONL -> new TextFormat(new JsonLines());
            case PARQUET -> new ParquetFormat();
        };
    }
}
