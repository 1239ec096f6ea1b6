package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskKind;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads pipeline files (format: {@code pipeline/FORMAT.md}). A file is either loaded completely or
 * refused with every problem found, each with file, line, column and field path.
 */
public final class PipelineLoader {

    private PipelineLoader() {
    }

    /**
     * Loads a pipeline file; schema files it names are resolved against its directory.
     *
     * @throws IOException                 if the file cannot be read
     * @throws PipelineValidationException if the file is not a valid pipeline
     */
    public static PipelineSpec load(Path file) throws IOException, PipelineValidationException {
        return parse(Files.readString(file), file.toString());
    }

    /**
     * Parses pipeline YAML. {@code fileName} labels the problems, and schema files are resolved
     * against its directory (the working directory if it has none).
     *
     * @throws PipelineValidationException if the text is not a valid pipeline
     */
    public static PipelineSpec parse(String yaml, String fileName) throws PipelineValidationException {
        return parse(yaml, fileName, EnumSet.allOf(TaskKind.class));
    }

    /**
     * Parses pipeline YAML for a deployment: as {@link #parse(String, String)}, and a task of a kind
     * outside {@code executedKinds} (usually {@link TaskKind#EXECUTED}) is a problem at its
     * {@code kind}, since no service would ever run it. Reading an already deployed version uses
     * {@link #parse(String, String)}, which accepts every kind the format knows.
     *
     * @throws PipelineValidationException if the text is not a valid pipeline
     */
    public static PipelineSpec parse(String yaml, String fileName, Set<TaskKind> executedKinds)
            throws PipelineValidationException {
        Problems problems = new Problems(fileName);
        Node root = compose(yaml, problems);
        return new PipelineReader(problems, baseDirectory(fileName), executedKinds).read(new YamlValue(root, "", problems));
    }

    private static Node compose(String yaml, Problems problems) throws PipelineValidationException {
        Optional<Node> root = Optional.empty();
        try {
            root = Optional.ofNullable(new Yaml(new LoaderOptions()).compose(new StringReader(yaml)));
            if (root.isEmpty()) {
                problems.add(1, 1, "", "the file holds no YAML document");
            }
        } catch (MarkedYAMLException e) {
            Optional<Mark> mark = Optional.ofNullable(e.getProblemMark()).or(() -> Optional.ofNullable(e.getContextMark()));
            problems.add(mark.map(Mark::getLine).orElse(0) + 1, mark.map(Mark::getColumn).orElse(0) + 1, "",
                    "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            problems.add(1, 1, "", "invalid YAML: " + e.getMessage());
        }
        problems.throwIfAny();
        return root.orElseThrow();
    }

    private static Path baseDirectory(String fileName) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        try {
            return Optional.ofNullable(Path.of(fileName).toAbsolutePath().getParent()).orElse(workingDirectory);
        } catch (InvalidPathException notAPath) {
            return workingDirectory;
        }
    }
}
