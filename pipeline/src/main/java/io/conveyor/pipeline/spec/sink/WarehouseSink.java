package io.conveyor.pipeline.spec.sink;

import java.util.Objects;
import java.util.Optional;

/**
 * A table in the embedded warehouse.
 *
 * @param path the warehouse database file; empty for the default embedded one
 */
public record WarehouseSink(Optional<String> path, TableTarget target) implements SinkSpec {

    public WarehouseSink {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(target, "target");
    }
}
