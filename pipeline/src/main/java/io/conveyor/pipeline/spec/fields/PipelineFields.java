package io.conveyor.pipeline.spec.fields;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The fields of each task's records where the pipeline alone tells them: an extract task's declared
 * CSV {@code columns}, then through every transform whose one upstream task's fields are known (its
 * declared schema, or the fields its rules leave). Where a source's fields are only known when it is
 * read, the tasks below it are checked by the transformer instead.
 */
public final class PipelineFields {

    private final String pipeline;
    private final Map<String, TaskSpec> tasks = new HashMap<>();
    private final Map<String, Optional<List<FlowField>>> outputs = new HashMap<>();

    private PipelineFields(String pipeline, List<TaskSpec> tasks) {
        this.pipeline = pipeline;
        tasks.forEach(task -> this.tasks.put(task.id(), task));
    }

    /** @param tasks acyclic, with every dependency among them */
    public static PipelineFields of(String pipeline, List<TaskSpec> tasks) {
        return new PipelineFields(pipeline, tasks);
    }

    public static PipelineFields of(PipelineSpec spec) {
        return of(spec.name(), spec.tasks());
    }

    /** The fields a transform task's input records have, if known before they arrive. */
    public Optional<List<FlowField>> input(TaskSpec task) {
        return task.dependsOn().size() == 1 ? output(task.dependsOn().get(0)) : Optional.empty();
    }

    /** The fields of the task's output records, if known before it runs. */
    public Optional<List<FlowField>> output(String taskId) {
        Optional<List<FlowField>> known = outputs.get(taskId);
        if (known != null) {
            return known;
        }
        TaskSpec task = tasks.get(taskId);
        Optional<List<FlowField>> output = switch (task.kind()) {
            case EXTRACT -> SourceFields.declared(task);
            case TRANSFORM -> transformOutput(task, (TaskWork.Transform) task.work());
            case LOAD, SQL -> Optional.empty();
        };
        outputs.put(taskId, output);
        return output;
    }

    /**
     * The schema a transform task without a declared one writes, when its input is known now; the
     * transformer infers the same from the first record otherwise.
     */
    public Optional<Schema> inferredSchema(TaskSpec task) {
        if (!(task.work() instanceof TaskWork.Transform transform) || transform.schema().isPresent()) {
            return Optional.empty();
        }
        return output(task.id()).map(fields -> RecordFields.infer(pipeline, task.id(), fields));
    }

    private Optional<List<FlowField>> transformOutput(TaskSpec task, TaskWork.Transform work) {
        Optional<List<FlowField>> declared = work.schema().map(schema -> RecordFields.of(schema.avroSchema()));
        if (declared.isPresent()) {
            return declared;
        }
        return input(task).map(input -> FieldFlow.trace(input, work.rules()))
                .filter(trace -> trace.problems().isEmpty())
                .flatMap(FieldFlow.Trace::output);
    }
}
