package io.conveyor.pipeline.spec;

import java.util.List;
import java.util.Objects;

/**
 * One task of a pipeline, with pipeline defaults already applied.
 *
 * @param dependsOn ids of the tasks that must finish first
 * @param key       business key fields of the records the task handles; may be empty
 */
public record TaskSpec(String id, List<String> dependsOn, TriggerRule triggerRule, TaskSettings settings,
                       List<String> key, TaskWork work) {

    public TaskSpec {
        Objects.requireNonNull(id, "id");
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(triggerRule, "triggerRule");
        Objects.requireNonNull(settings, "settings");
        key = List.copyOf(key);
        Objects.requireNonNull(work, "work");
    }

    public TaskKind kind() {
        return work.kind();
    }

    /** This task as it stands in its pipeline's {@link PipelineSpec#canonicalJson()}: what task commands carry. */
    public String canonicalJson() {
        return CanonicalJson.of(this);
    }

    /**
     * The task rendered as an element of {@link PipelineSpec#canonicalJson()}'s {@code tasks}, as task
     * commands carry it.
     *
     * @throws io.conveyor.pipeline.spec.canonical.CanonicalJsonException naming the JSON path of the first problem
     */
    public static TaskSpec fromCanonicalJson(String json) {
        return io.conveyor.pipeline.spec.canonical.CanonicalJsonReader.readTask(json);
    }
}
