package io.conveyor.scheduler.catalog;

import io.conveyor.control.PipelineVersion;
import io.conveyor.pipeline.spec.PipelineSpec;
import java.util.Objects;

/** The current version of a deployed pipeline with its parsed definition. */
public record DeployedPipeline(PipelineVersion version, PipelineSpec spec) {

    public DeployedPipeline {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(spec, "spec");
    }

    public String name() {
        return version.getName();
    }

    public int versionNumber() {
        return version.getVersion();
    }
}
