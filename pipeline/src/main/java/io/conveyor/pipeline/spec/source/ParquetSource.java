package io.conveyor.pipeline.spec.source;

import java.util.Objects;

/** A Parquet file. */
public record ParquetSource(String path) implements FileSource {

    public ParquetSource {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public ParquetSource withPath(String path) {
        return new ParquetSource(path);
    }
}
