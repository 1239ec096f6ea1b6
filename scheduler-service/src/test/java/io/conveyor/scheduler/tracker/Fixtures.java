package io.conveyor.scheduler.tracker;

import io.conveyor.control.PipelineVersion;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Test fixture: the pipeline YAML files under src/test/resources/pipelines as deployed versions. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String yaml(String pipeline) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/pipelines/" + pipeline + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PipelineVersion version(String pipeline, int version) {
        String yaml = yaml(pipeline);
        try {
            return PipelineVersion.newBuilder()
                    .setName(pipeline)
                    .setVersion(version)
                    .setFingerprint(PipelineLoader.parse(yaml, pipeline + ".yaml").fingerprint())
                    .setDefinition(yaml)
                    .setSourceFile(pipeline + ".yaml")
                    .setDeployedBy("test")
                    .setDeployedAt(Instant.parse("2026-01-01T00:00:00Z"))
                    .build();
        } catch (PipelineValidationException e) {
            throw new IllegalStateException("fixture " + pipeline + " does not load: " + e.problems(), e);
        }
    }
}
