package io.conveyor.pipeline.spec.sink;

import java.util.List;
import java.util.Objects;

/**
 * A table and how to write into it.
 *
 * @param key the business key, which upsert matches on; the load task's {@code key} when the sink gives none
 */
public record TableTarget(String table, WriteMode mode, List<String> key) {

    public TableTarget {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mode, "mode");
        key = List.copyOf(key);
        if (mode == WriteMode.UPSERT && key.isEmpty()) {
            throw new IllegalArgumentException("upsert into " + table + " needs key fields");
        }
    }
}
