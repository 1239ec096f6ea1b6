package io.conveyor.extractor.batch;

import io.conveyor.schemas.TopicNames;
import java.util.Objects;

/** The extractor's own compacted topics, named under the installation's prefix like every other topic. */
public record ExtractorTopics(TopicNames names) {

    public ExtractorTopics {
        Objects.requireNonNull(names, "names");
    }

    /** Source positions of (run, task), committed with each batch. */
    public String checkpoints() {
        return names.prefix() + ".checkpoints";
    }

    /** The watermark reached by the last successful run of each incremental (pipeline, task). */
    public String watermarks() {
        return names.prefix() + ".watermarks";
    }
}
