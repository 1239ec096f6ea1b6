package io.conveyor.pipeline.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.conveyor.testkit.Mutations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutates the example and test pipelines 10,000 times: every mutant either loads or is refused with
 * problems that each carry a position; nothing else is thrown. The seed is printed; rerun a failure
 * with {@code -Dconveyor.fuzz.seed=...}.
 */
class PipelineFuzzTest {

    private static final int MUTANTS = 10_000;

    @Test
    void tenThousandMutatedPipelinesLoadOrAreRefusedWithPositionedProblems() throws Exception {
        List<String> originals = new ArrayList<>();
        for (Path file : List.of(Path.of("src/test/resources/pipelines/orders.yaml"),
                Path.of("src/test/resources/pipelines/all-variants.yaml"), Path.of("../examples/orders/pipeline.yaml"))) {
            originals.add(Files.readString(file));
        }
        originals.add(YamlBombsTest.nestedAliasBomb());
        originals.add(YamlBombsTest.recursiveAlias());
        long seed = Mutations.seed();
        System.out.println("PipelineFuzzTest seed " + seed);
        Mutations mutations = new Mutations(seed);
        int loaded = 0;
        for (int i = 0; i < MUTANTS; i++) {
            String mutant = mutations.mutate(originals.get(mutations.random().nextInt(originals.size())));
            try {
                PipelineLoader.parse(mutant, "src/test/resources/pipelines/mutant.yaml");
                loaded++;
            } catch (PipelineValidationException refused) {
                assertThat(refused.problems()).as("seed %d mutant %d", seed, i).isNotEmpty()
                        .allSatisfy(problem -> assertThat(problem.line()).isPositive())
                        .allSatisfy(problem -> assertThat(problem.column()).isPositive())
                        .extracting(Problem::message).as("seed %d mutant %d:\n%s", seed, i, mutant)
                        .noneMatch(message -> message.startsWith(PipelineLoader.INTERNAL_ERROR));
            } catch (Throwable unexpected) {
                fail("seed %d mutant %d threw %s on:\n%s".formatted(seed, i, unexpected, mutant), unexpected);
            }
        }
        // Mutants that change only a comment or a value still load: the test exercises both outcomes.
        assertThat(loaded).as("loaded mutants").isPositive().isLessThan(MUTANTS);
    }
}
