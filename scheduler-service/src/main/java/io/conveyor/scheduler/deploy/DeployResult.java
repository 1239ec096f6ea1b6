package io.conveyor.scheduler.deploy;

import io.conveyor.control.PipelineVersion;
import io.conveyor.pipeline.spec.load.Problem;
import java.util.List;

/** How a deployment ended. */
public sealed interface DeployResult {

    /** The file is not a valid pipeline; every problem found is listed. */
    record Refused(List<Problem> problems) implements DeployResult {

        public Refused {
            problems = List.copyOf(problems);
        }
    }

    /** A target schema would break the consumers of a task's output topic. */
    record Incompatible(List<SchemaConflict> conflicts) implements DeployResult {

        public Incompatible {
            conflicts = List.copyOf(conflicts);
        }
    }

    /** A new version was published. */
    record Deployed(PipelineVersion version) implements DeployResult {
    }

    /** The same definition (same fingerprint) is already the current version. */
    record Unchanged(PipelineVersion version) implements DeployResult {
    }
}
