package io.conveyor.scheduler.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RunKeysTest {

    private static final Instant EARLY = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATE = Instant.parse("2026-01-01T00:00:00.001Z");

    @Test
    void indexKeysSortNewestFirstAndTiesByRunId() {
        List<String> sorted = Stream.of(RunKeys.newestFirst(EARLY, "p@a"), RunKeys.newestFirst(LATE, "p@b"),
                RunKeys.newestFirst(EARLY, "p@0")).sorted().toList();

        assertThat(sorted).containsExactly(RunKeys.newestFirst(LATE, "p@b"), RunKeys.newestFirst(EARLY, "p@0"),
                RunKeys.newestFirst(EARLY, "p@a"));
    }

    @Test
    void aPipelinesPrefixCoversItsKeysAndNoOtherPipelines() {
        String prefix = RunKeys.pipelinePrefix("a");

        assertThat(RunKeys.newestFirst("a", EARLY, "a@x")).startsWith(prefix);
        assertThat(RunKeys.active("a", "a@x")).startsWith(prefix);
        assertThat(RunKeys.newestFirst("ab", EARLY, "ab@x")).doesNotStartWith(prefix);
    }
}
