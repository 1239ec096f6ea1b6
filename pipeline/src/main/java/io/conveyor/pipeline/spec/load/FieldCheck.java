package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.fields.FieldFlow;
import io.conveyor.pipeline.spec.fields.FlowField;
import io.conveyor.pipeline.spec.fields.PipelineFields;
import io.conveyor.pipeline.spec.fields.RecordFields;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks the fields every rule names against the fields that exist at its point of the chain, where
 * these are known when the pipeline is loaded ({@link PipelineFields}): an unknown field, a range
 * over a field of another type, and a field the target schema requires that nothing provides are
 * reported where the file names them. Where the input's fields are not known (a CSV header, JSON,
 * JDBC, Parquet, several upstream tasks), the transformer runs the same check on the first record
 * and fails the task.
 */
final class FieldCheck {

    private FieldCheck() {
    }

    static void check(String pipeline, List<TaskSpec> tasks, Map<String, TaskReader.Draft> drafts) {
        PipelineFields fields = PipelineFields.of(pipeline, tasks);
        for (TaskSpec task : tasks) {
            if (task.work() instanceof TaskWork.Transform transform) {
                fields.input(task).ifPresent(input -> check(input, transform, drafts.get(task.id())));
            }
        }
    }

    private static void check(List<FlowField> input, TaskWork.Transform work, TaskReader.Draft draft) {
        FieldFlow.Trace trace = FieldFlow.trace(input, work.rules());
        trace.problems().forEach(problem -> draft.rules().ifPresent(rules -> report(rules, problem)));
        if (trace.problems().isEmpty() && work.schema().isPresent() && trace.output().isPresent()) {
            RecordFields.missingRequired(work.schema().get().avroSchema(), trace.output().get())
                    .forEach(message -> draft.schema().ifPresent(schema -> schema.report(message)));
        }
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
