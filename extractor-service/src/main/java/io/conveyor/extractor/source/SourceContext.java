package io.conveyor.extractor.source;

import io.conveyor.extractor.source.file.LineReader;
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
 * @param maxRecordBytes the longest record a line-oriented source holds in memory; longer ones are rejected
 */
public record SourceContext(String recordName, Optional<String> resumeFrom, Optional<String> lowWatermark,
                            Map<String, String> environment, int maxRecordBytes) {

    /** Without a bound of its own: the sink's size check still rejects what Kafka would refuse. */
    public SourceContext(String recordName, Optional<String> resumeFrom, Optional<String> lowWatermark,
                         Map<String, String> environment) {
        this(recordName, resumeFrom, lowWatermark, environment, LineReader.UNBOUNDED);
    }

    public SourceContext {
        Objects.requireNonNull(recordName, "recordName");
        Objects.requireNonNull(resumeFrom, "resumeFrom");
        Objects.requireNonNull(lowWatermark, "lowWatermark");
        environment = Map.copyOf(environment);
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
        }
    }
}
