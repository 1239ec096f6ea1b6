package io.conveyor.extractor.task;

import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.canonical.CanonicalJsonException;

/**
 * Reads a task command's {@code config}: the task's canonical JSON as the DAG tracker writes it
 * ({@link TaskSpec#canonicalJson()}), read back with the pipeline module's own reader so that every
 * service sees exactly the pinned task.
 */
public final class ExtractConfigParser {

    public ExtractConfig parse(String json) {
        TaskSpec task;
        try {
            task = TaskSpec.fromCanonicalJson(json);
        } catch (CanonicalJsonException e) {
            throw new InvalidTaskConfigException("config is not a task spec: " + e.getMessage(), e);
        }
        if (!(task.work() instanceof TaskWork.Extract extract)) {
            throw new InvalidTaskConfigException("task " + task.id() + " is a " + task.kind() + " task, not an extract task");
        }
        return new ExtractConfig(extract.source(), task.key(), task.settings().batchSize(), task.settings().rejectThreshold());
    }
}
