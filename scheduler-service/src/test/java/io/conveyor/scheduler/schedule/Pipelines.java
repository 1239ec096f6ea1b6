package io.conveyor.scheduler.schedule;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.load.PipelineValidationException;

/** Small scheduled pipelines for tests. */
final class Pipelines {

    private Pipelines() {
    }

    static String yaml(String name, String schedule, String timezone, String catchup, int maxCatchupRuns) {
        return """
                name: %s
                schedule: "%s"
                timezone: %s
                catchup: %s
                maxCatchupRuns: %d
                tasks:
                  - id: extract
                    kind: extract
                    source: {type: csv, path: /data/in.csv}
                """.formatted(name, schedule, timezone, catchup, maxCatchupRuns);
    }

    static PipelineSpec spec(String schedule, String timezone, String catchup, int maxCatchupRuns) {
        try {
            return PipelineLoader.parse(yaml("demo", schedule, timezone, catchup, maxCatchupRuns), "demo.yaml");
        } catch (PipelineValidationException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
