package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.fields.FieldFlow;
import io.conveyor.pipeline.spec.fields.FlowField;
import io.conveyor.pipeline.spec.fields.RecordFields;
import io.conveyor.pipeline.spec.fields.SourceFields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks the fields every rule names against the fields that exist at its point of the chain, where
 * these are known when the pipeline is loaded: a transform task's input is its one upstream task's
 * output, which is a CSV source's declared {@code columns} or a transform's schema (declared, or
 * inferred from its own rules). Where they are not known (a CSV header, JSON, JDBC, Parquet, several
 * upstream tasks), the transformer runs the same check on the first record and fails the task.
 */
final class FieldCheck {

    private final Map<String, TaskSpec> tasks = new HashMap<>();
    private final Map<String, TaskReader.Draft> drafts;
    private final Map<String, Optional<List<FlowField>>> outputs = new HashMap<>();

    private FieldCheck(List<TaskSpec> tasks, Map<String, TaskReader.Draft> drafts) {
        tasks.forEach(task -> this.tasks.put(task.id(), task));
        this.drafts = drafts;
    }

    static void check(List<TaskSpec> tasks, Map<String, TaskReader.Draft> drafts) {
        FieldCheck check = new FieldCheck(tasks, drafts);
        tasks.forEach(check::output);
    }

    /** The fields of the task's output records, if known at load time; checks the task on the way. */
    private Optional<List<FlowField>> output(TaskSpec task) {
        Optional<List<FlowField>> known = outputs.get(task.id());
        if (known != null) {
            return known;
        }
        Optional<List<FlowField>> output = switch (task.kind()) {
            case EXTRACT -> SourceFields.declared(task);
            case TRANSFORM -> transform(task, (TaskWork.Transform) task.work());
            case LOAD, SQL -> Optional.empty();
        };
        outputs.put(task.id(), output);
        return output;
    }

    private Optional<List<FlowField>> transform(TaskSpec task, TaskWork.Transform work) {
        Optional<Schema> target = work.schema().map(schema -> schema.avroSchema());
        Optional<List<FlowField>> declared = target.map(RecordFields::of);
        Optional<List<FlowField>> input = task.dependsOn().size() == 1
                ? output(tasks.get(task.dependsOn().get(0))) : Optional.empty();
        if (input.isEmpty()) {
            return declared;
        }
        TaskReader.Draft draft = drafts.get(task.id());
        FieldFlow.Trace trace = FieldFlow.trace(input.get(), work.rules());
        trace.problems().forEach(problem -> draft.rules().ifPresent(rules -> report(rules, problem)));
        if (!trace.problems().isEmpty()) {
            return declared;
        }
        if (target.isPresent() && trace.output().isPresent()) {
            RecordFields.missingRequired(target.get(), trace.output().get())
                    .forEach(message -> draft.schema().ifPresent(schema -> schema.report(message)));
        }
        return declared.or(trace::output);
    }

    /** At the rule's mention of the field (the scalar that spells it), else at the rule. */
    private static void report(YamlValue rules, FieldFlow.Problem problem) {
        rules.list().map(entries -> entries.get(problem.rule())).ifPresent(entry -> {
            Optional<Located> at = find(entry.node(), problem.field(), entry.path());
            if (at.isPresent()) {
                new YamlValue(at.get().node(), at.get().path(), entry.problems()).report(problem.message());
            } else {
                entry.report(problem.message());
            }
        });
    }

    private record Located(Node node, String path) {
    }

    /** The first value scalar under {@code node} that reads {@code text}, with its field path. */
    private static Optional<Located> find(Node node, String text, String path) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue().equals(text) ? Optional.of(new Located(node, path)) : Optional.empty();
        }
        if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Optional<Located> found = find(sequence.getValue().get(i), text, path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple entry : mapping.getValue()) {
                String key = entry.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                Optional<Located> found = find(entry.getValueNode(), text, path.isEmpty() ? key : path + "." + key);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
