package io.conveyor.pipeline.spec.source;

import java.util.Objects;

/** A Parquet file. */
public record ParquetSource(String path) implements SourceSpec {

    public ParquetSource {
        Objects.requireNonNull(path, "path");
    }
}
