package io.conveyor.pipeline.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Minimal pipelines around a section under test. The section's lines start at line 6 of the file,
 * and at column 7 ({@link #source}, {@link #sink}) or with the rule name at column 9 ({@link #rules}).
 */
final class Snippets {

    private Snippets() {
    }

    /** The problems {@code yaml}, loaded as {@code orders.yaml} trusted as far as {@code trust} says, is refused with. */
    static List<String> refused(String yaml, Trust trust) {
        PipelineValidationException refused = catchThrowableOfType(
                () -> PipelineLoader.parse(yaml, "orders.yaml", trust), PipelineValidationException.class);
        assertThat(refused).as("the pipeline should have been refused").isNotNull();
        return refused.problems().stream().map(Problem::toString).toList();
    }

    static String source(String... lines) {
        return task("extract", "source:", "      ", lines);
    }

    static String sink(String... lines) {
        return task("load", "sink:", "      ", lines);
    }

    static String rules(String... lines) {
        return task("transform", "rules:", "      - ", lines);
    }

    static String transform(String... taskLines) {
        return "name: orders\ntasks:\n  - id: step\n    kind: transform\n" + indent("    ", taskLines);
    }

    private static String task(String kind, String section, String prefix, String... lines) {
        return "name: orders\ntasks:\n  - id: step\n    kind: " + kind + "\n    " + section + "\n" + indent(prefix, lines);
    }

    private static String indent(String prefix, String... lines) {
        return Arrays.stream(lines).map(line -> prefix + line + "\n").collect(Collectors.joining());
    }
}
