package io.conveyor.scheduler.deploy;

import java.util.List;
import java.util.Objects;

/**
 * A transform task's target schema that the registry would refuse under the subject of the task's
 * output topic.
 *
 * @param reasons the registry's own explanations
 */
public record SchemaConflict(String task, String subject, List<String> reasons) {

    public SchemaConflict {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(subject, "subject");
        reasons = List.copyOf(reasons);
    }
}
