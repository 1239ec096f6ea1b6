package io.conveyor.pipeline.spec.load;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Inlines the schema files a pipeline file names ({@code schema: {file: x.avsc}}), for a client
 * that deploys a file of its own to a scheduler, which never reads files named by a deployed
 * definition (see {@link Trust}). Only the file references change; the rest of the text, comments
 * included, stays as written.
 */
public final class SchemaFiles {

    private SchemaFiles() {
    }

    /**
     * @param baseDirectory where the file names are resolved: the pipeline file's directory
     * @throws IOException if a named file cannot be read (validate the file first for a located message)
     */
    public static String inline(String yaml, Path baseDirectory) throws IOException {
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        List<Edit> edits = new ArrayList<>();
        for (MappingNode task : tasks(root)) {
            for (NodeTuple entry : task.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals("schema")
                        && entry.getValueNode() instanceof MappingNode schema && schema.getValue().size() == 1
                        && schema.getValue().get(0).getKeyNode() instanceof ScalarNode file && file.getValue().equals("file")
                        && schema.getValue().get(0).getValueNode() instanceof ScalarNode name) {
                    String json = new Schema.Parser().parse(Files.readString(baseDirectory.resolve(name.getValue()))).toString();
                    // A flow map ({file: x}) is replaced braces and all; a block map from its key to the
                    // end of the file name, so the line breaks around it stay.
                    int start = schema.getFlowStyle() == FlowStyle.FLOW ? schema.getStartMark().getIndex() : file.getStartMark().getIndex();
                    int end = schema.getFlowStyle() == FlowStyle.FLOW ? schema.getEndMark().getIndex() : name.getEndMark().getIndex();
                    edits.add(new Edit(start, end, json));
                }
            }
        }
        StringBuilder text = new StringBuilder(yaml);
        edits.sort(Comparator.comparingInt(Edit::start).reversed());
        for (Edit edit : edits) {
            // Marks count code points; the builder counts UTF-16 chars.
            text.replace(yaml.offsetByCodePoints(0, edit.start()), yaml.offsetByCodePoints(0, edit.end()), edit.text());
        }
        return text.toString();
    }

    private static List<MappingNode> tasks(Node root) {
        if (root instanceof MappingNode document) {
            for (NodeTuple entry : document.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals("tasks")
                        && entry.getValueNode() instanceof SequenceNode tasks) {
                    return tasks.getValue().stream().filter(MappingNode.class::isInstance).map(MappingNode.class::cast).toList();
                }
            }
        }
        return List.of();
    }

    private record Edit(int start, int end, String text) {
    }
}
