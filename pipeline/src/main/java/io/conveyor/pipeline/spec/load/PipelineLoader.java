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

    /** The largest pipeline file, in characters: the biggest real ones are a few kilobytes. */
    public static final int MAX_CHARACTERS = 1024 * 1024;
    /** How deep maps and lists may nest as written (before aliases, which {@link ExpansionCheck} bounds). */
    static final int MAX_NESTING = 50;
    /** How a problem caused by a failure of the loader itself, not by the file, starts. */
    static final String INTERNAL_ERROR = "internal error of the pipeline loader: ";

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
        return parse(yaml, fileName, Trust.LOCAL_FILE);
    }

    /**
     * Parses pipeline YAML trusted only as far as {@code trust} says: schema files are read (against
     * the directory of {@code fileName}) only if it allows, and refused secrets are problems. Every
     * task kind the format knows is accepted.
     *
     * @throws PipelineValidationException if the text is not a valid pipeline or holds what {@code trust} refuses
     */
    public static PipelineSpec parse(String yaml, String fileName, Trust trust) throws PipelineValidationException {
        return parse(yaml, fileName, trust, EnumSet.allOf(TaskKind.class));
    }

    /**
     * Parses a local pipeline file for a deployment: see {@link #parse(String, String, Trust, Set)}.
     *
     * @throws PipelineValidationException if the text is not a valid pipeline
     */
    public static PipelineSpec parse(String yaml, String fileName, Set<TaskKind> executedKinds)
            throws PipelineValidationException {
        return parse(yaml, fileName, Trust.LOCAL_FILE, executedKinds);
    }

    /**
     * Parses pipeline YAML for a deployment: trusted only as far as {@code trust} says, and a task of
     * a kind outside {@code executedKinds} (usually {@link TaskKind#EXECUTED}) is a problem at its
     * {@code kind}, since no service would ever run it. Reading an already deployed version accepts
     * every kind the format knows.
     *
     * @throws PipelineValidationException if the text is not a valid pipeline or holds what {@code trust} refuses
     */
    public static PipelineSpec parse(String yaml, String fileName, Trust trust, Set<TaskKind> executedKinds)
            throws PipelineValidationException {
        Problems problems = new Problems(fileName);
        Node root = compose(yaml, problems);
        Optional<Path> schemaDirectory = trust.readsSchemaFiles() ? Optional.of(baseDirectory(fileName)) : Optional.empty();
        try {
            TrustCheck.check(root, problems, trust);
            return new PipelineReader(problems, schemaDirectory, executedKinds).read(new YamlValue(root, "", problems));
        } catch (RuntimeException | StackOverflowError e) {
            // A reader bug must not become a 500 for the caller: the file is refused, and the fuzz test
            // (PipelineFuzzTest) fails on this message so that the bug is found and fixed.
            problems.add(1, 1, "", INTERNAL_ERROR + e);
            problems.throwIfAny();
            throw new IllegalStateException("unreachable: a problem was just added", e);
        }
    }

    private static Node compose(String yaml, Problems problems) throws PipelineValidationException {
        Optional<Node> root = Optional.empty();
        if (yaml.length() > MAX_CHARACTERS) {
            problems.add(1, 1, "", "the file has %,d characters, more than the limit of %,d".formatted(yaml.length(), MAX_CHARACTERS));
            problems.throwIfAny();
        }
        try {
            root = Optional.ofNullable(new Yaml(loaderOptions()).compose(new StringReader(yaml)));
            if (root.isEmpty()) {
                problems.add(1, 1, "", "the file holds no YAML document");
            } else if (!ExpansionCheck.check(root.get(), problems)) {
                root = Optional.empty();
            }
        } catch (StackOverflowError e) {
            // The nesting limit below keeps the composer's recursion short; this is the last guard.
            problems.add(1, 1, "", "invalid YAML: nested too deeply to read");
        } catch (MarkedYAMLException e) {
            Optional<Mark> mark = Optional.ofNullable(e.getProblemMark()).or(() -> Optional.ofNullable(e.getContextMark()));
            problems.add(mark.map(Mark::getLine).orElse(0) + 1, mark.map(Mark::getColumn).orElse(0) + 1, "",
                    "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            problems.add(1, 1, "", "invalid YAML: " + e.getMessage());
        } catch (NumberFormatException e) {
            // SnakeYAML's scanner parses the hex digits of an x, u or U escape in a double-quoted
            // string without checking there are any, and throws this instead of a marked YAMLException.
            int[] at = shortEscape(yaml).orElse(new int[] {1, 1});
            problems.add(at[0], at[1], "", "invalid YAML: an escape \\x, \\u or \\U in a double-quoted string needs"
                    + " 2, 4 or 8 hexadecimal digits");
        }
        problems.throwIfAny();
        return root.orElseThrow();
    }

    /** Line and column (1-based) of the first backslash x, u or U escape without all its hexadecimal digits. */
    static Optional<int[]> shortEscape(String yaml) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            if (c == '\\' && i + 1 < yaml.length()) {
                char kind = yaml.charAt(i + 1);
                int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
                if (digits > 0 && !hexDigits(yaml, i + 2, digits)) {
                    return Optional.of(new int[] {line, column});
                }
                if (kind != '\n') {
                    i++;
                    column += 2;
                    continue;
                }
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return Optional.empty();
    }

    private static boolean hexDigits(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARACTERS);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        return options;
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
