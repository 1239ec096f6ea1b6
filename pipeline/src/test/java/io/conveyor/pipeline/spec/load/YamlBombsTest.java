package io.conveyor.pipeline.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Small files that describe huge or endless trees are refused at once, with where and why. */
class YamlBombsTest {

    /** Eight levels of six aliases each (48 aliases, under SnakeYAML's 50): 6^8 lists inside a schema. */
    static String nestedAliasBomb() {
        StringBuilder yaml = new StringBuilder("name: bomb\ntasks:\n  - id: t\n    kind: transform\n    schema:\n");
        yaml.append("      l0: &l0 [x, x, x, x, x, x]\n");
        for (int level = 1; level <= 8; level++) {
            String previous = "*l" + (level - 1);
            yaml.append("      l%d: &l%d [%s, %s, %s, %s, %s, %s]\n".formatted(level, level, previous, previous, previous,
                    previous, previous, previous));
        }
        return yaml.toString();
    }

    static String recursiveAlias() {
        return "name: bomb\ntasks:\n  - id: t\n    kind: transform\n    schema: &s {type: record, name: r, fields: [*s]}\n";
    }

    @Test
    @Timeout(5)
    void nestedAliasesInsideASchemaAreRefusedWithinASecondNamingTheLimit() {
        String yaml = nestedAliasBomb();
        assertThat(yaml.length()).isLessThan(1024);
        long start = System.nanoTime();
        PipelineValidationException refused = catchThrowableOfType(() -> PipelineLoader.parse(yaml, "bomb.yaml"),
                PipelineValidationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(refused.getMessage()).startsWith("bomb.yaml:").contains("more than 100,000 nodes (the limit)");
    }

    @Test
    @Timeout(5)
    void aRecursiveAliasIsRefusedWithItsPosition() {
        PipelineValidationException refused = catchThrowableOfType(() -> PipelineLoader.parse(recursiveAlias(), "loop.yaml"),
                PipelineValidationException.class);
        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).contains("recursive alias");
        });
    }

    @Test
    void aliasesThatExpandModeratelyStillLoad() throws Exception {
        String yaml = """
                name: shared
                description: &p /tmp/in.csv
                tasks:
                  - id: t
                    kind: extract
                    source: {type: csv, path: *p, header: true}
                """;
        assertThat(PipelineLoader.parse(yaml, "shared.yaml").description()).contains("/tmp/in.csv");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithAPosition() {
        String yaml = "name: deep\ntasks: " + "[".repeat(PipelineLoader.MAX_NESTING + 5) + "]".repeat(PipelineLoader.MAX_NESTING + 5) + "\n";
        PipelineValidationException refused = catchThrowableOfType(() -> PipelineLoader.parse(yaml, "deep.yaml"),
                PipelineValidationException.class);
        assertThat(refused.getMessage()).startsWith("deep.yaml:").containsIgnoringCase("nesting");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedNamingTheLimit() {
        String yaml = "name: big\ndescription: " + "x".repeat(PipelineLoader.MAX_CHARACTERS) + "\n";
        PipelineValidationException refused = catchThrowableOfType(() -> PipelineLoader.parse(yaml, "big.yaml"),
                PipelineValidationException.class);
        assertThat(refused.getMessage()).startsWith("big.yaml:1:1:").contains("limit of 1,048,576");
    }
}
