package io.conveyor.extractor.source;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a source needs besides its spec to open.
 *
 * @param recordName    Avro record name for schemas the extractor makes up (CSV, JSON)
 * @param resumeFrom    the position of the last committed batch, empty on a fresh start
 * @param lowWatermark  incremental sources read only rows above it; empty on the first run
 * @param environment   where passwords named by variable are looked up
 */
public record SourceContext(String recordName, Optional<String> resumeFrom, Optional<String> lowWatermark,
                            Map<String, String> environment) {

    public SourceContext {
        Objects.requireNonNull(recordName, "recordName");
        Objects.requireNonNull(resumeFrom, "resumeFrom");
        Objects.requireNonNull(lowWatermark, "lowWatermark");
        environment = Map.copyOf(environment);
    }
}
