package io.conveyor.pipeline.spec.sink;

import java.util.Objects;

/** A file written in one of the supported formats. */
public record FileSink(String path, FileFormat format) implements SinkSpec {

    public FileSink {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
    }
}
