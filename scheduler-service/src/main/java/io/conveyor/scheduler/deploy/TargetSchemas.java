package io.conveyor.scheduler.deploy;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TargetSchema;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.fields.PipelineFields;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.registry.RegistryClientException;
import io.conveyor.serde.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The target schemas of a pipeline's transform tasks, checked against and registered under the
 * value subject of each task's output topic (Confluent's TopicNameStrategy: {@code <topic>-value}):
 * the declared ones, and those inferred for tasks without one whose input fields the pipeline
 * declares (the transformer infers and registers the others from the first record).
 */
final class TargetSchemas {

    private final SchemaRegistryClient registry;
    private final List<Target> targets;

    private TargetSchemas(SchemaRegistryClient registry, List<Target> targets) {
        this.registry = registry;
        this.targets = targets;
    }

    static TargetSchemas of(PipelineSpec pipeline, TopicNames topics, SchemaRegistryClient registry) {
        List<Target> targets = new ArrayList<>();
        PipelineFields fields = PipelineFields.of(pipeline);
        for (TaskSpec task : pipeline.tasks()) {
            schemaOf(task).map(TargetSchema::avroSchema).or(() -> fields.inferredSchema(task)).ifPresent(schema -> targets.add(
                    new Target(task.id(), topics.data(pipeline.name(), task.id()) + "-value", schema)));
        }
        return new TargetSchemas(registry, List.copyOf(targets));
    }

    /** Every target schema the registry would refuse, with its reasons. */
    List<SchemaConflict> conflicts() {
        List<SchemaConflict> conflicts = new ArrayList<>();
        for (Target target : targets) {
            List<String> reasons = incompatibilities(target);
            if (!reasons.isEmpty()) {
                conflicts.add(new SchemaConflict(target.task(), target.subject(), reasons));
            }
        }
        return conflicts;
    }

    void register() {
        targets.forEach(target -> registry.register(target.subject(), target.schema()));
    }

    private List<String> incompatibilities(Target target) {
        try {
            return registry.incompatibilities(target.subject(), target.schema());
        } catch (RegistryClientException e) {
            // Older Confluent registries answer "subject not found" where newer ones say compatible.
            if (e.errorCode() == RegistryClientException.SUBJECT_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    private static Optional<TargetSchema> schemaOf(TaskSpec task) {
        if (task.work() instanceof TaskWork.Transform transform) {
            return transform.schema();
        }
        return Optional.empty();
    }

    private record Target(String task, String subject, Schema schema) {
    }
}
