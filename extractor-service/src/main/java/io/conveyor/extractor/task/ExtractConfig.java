package io.conveyor.extractor.task;

import io.conveyor.pipeline.spec.source.SourceSpec;
import java.util.List;
import java.util.Objects;

/** What the extractor takes from a task command's {@code config}. */
public record ExtractConfig(SourceSpec source, List<String> key, int batchSize, double rejectThreshold) {

    public ExtractConfig {
        Objects.requireNonNull(source, "source");
        key = List.copyOf(key);
    }
}
