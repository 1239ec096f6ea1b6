package io.conveyor.pipeline.spec.sink;

/** Output formats of a file sink. */
public enum FileFormat {
    CSV,
    JSONL,
    PARQUET
}
