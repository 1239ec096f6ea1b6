package io.conveyor.pipeline.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Damages the example file in systematic ways: whatever the damage, the loader either loads the
 * file or refuses it with problems, and never fails any other way.
 */
class LoaderRobustnessTest {

    private static final Path ORDERS = Path.of("src/test/resources/pipelines/orders.yaml");
    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:- )?[A-Za-z]+:)\\s*\\S.*$");
    private static final List<String> REPLACEMENTS = List.of("", " ~", " [1, 2]", " {a: b}", " -1", " ''", " 99999999999999999999", " x y");

    /**
     * Found by PipelineFuzzTest (seed 6589131979277): a file cut right after a unicode escape made
     * SnakeYAML throw NumberFormatException past the loader (a REST deploy answered 500).
     */
    @Test
    void aUnicodeEscapeWithoutItsDigitsIsRefusedAtItsPosition() {
        Throwable refused = catchThrowable(() -> PipelineLoader.parse("name: x\ndescription: \"quotes and \\u", "cut.yaml"));

        assertThat(refused).isInstanceOf(PipelineValidationException.class);
        assertThat(((PipelineValidationException) refused).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo(26);
            assertThat(problem.message()).contains("needs 2, 4 or 8 hexadecimal digits");
        });
        assertThat(PipelineLoader.shortEscape("a: \"\\u00e9 \\x4\"")).get().isEqualTo(new int[] {1, 12});
    }

    @Test
    void everyDamagedVariantIsLoadedOrRefusedWithProblems() throws Exception {
        List<String> lines = Files.readAllLines(ORDERS);
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            variants.add(join(lines, i, null));
            Matcher keyValue = KEY_VALUE.matcher(lines.get(i));
            if (keyValue.matches()) {
                for (String replacement : REPLACEMENTS) {
                    variants.add(join(lines, i, keyValue.group(1) + replacement));
                }
            }
        }
        for (String variant : variants) {
            Throwable failure = catchThrowable(() -> PipelineLoader.parse(variant, ORDERS.toString()));
            assertThat(failure).as(variant).satisfiesAnyOf(
                    noFailure -> assertThat(noFailure).isNull(),
                    refused -> assertThat(refused).isInstanceOf(PipelineValidationException.class)
                            .extracting(e -> ((PipelineValidationException) e).problems()).asList().isNotEmpty());
        }
        assertThat(variants).hasSizeGreaterThan(500);
    }

    private static String join(List<String> lines, int index, String replacement) {
        List<String> copy = new ArrayList<>(lines);
        if (replacement == null) {
            copy.remove(index);
        } else {
            copy.set(index, replacement);
        }
        return String.join("\n", copy);
    }
}
