package io.conveyor.scheduler.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.control.TriggerKind;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunPageTest {

    @Test
    void mergingPagesOfSeveralPartitionsKeepsNewestFirstAndCutsTheRequestedPage() {
        RunPage first = new RunPage(List.of(run("a@4", 4), run("a@1", 1)), 0, 3);
        RunPage second = new RunPage(List.of(run("b@3", 3), run("b@2", 2)), 0, 3);

        RunPage page = RunPage.merge(List.of(first, second), 1, 2);

        assertThat(page.runs()).extracting(RunSummary::runId).containsExactly("b@3", "b@2");
        assertThat(page.offset()).isEqualTo(1);
        assertThat(page.limit()).isEqualTo(2);
    }

    @Test
    void eachSourceMustDeliverEverythingUpToTheEndOfThePage() {
        var filter = new RunFilter(Optional.of("a"), Optional.of(RunStatus.FAILED), 20, 10);

        assertThat(filter.fromStart()).isEqualTo(new RunFilter(Optional.of("a"), Optional.of(RunStatus.FAILED), 0, 30));
    }

    @Test
    void filtersRefuseOffsetsAndLimitsBeyondTheirBoundsInsteadOfOverflowing() {
        assertThatThrownBy(() -> new RunFilter(Optional.empty(), Optional.empty(), Integer.MAX_VALUE, 10))
                .hasMessage("offset must be at most 100000, was 2147483647");
        assertThatThrownBy(() -> new RunFilter(Optional.empty(), Optional.empty(), 0, Integer.MAX_VALUE))
                .hasMessage("limit must be at most 101000 (with local=true), was 2147483647");
        var largest = new RunFilter(Optional.empty(), Optional.empty(), RunFilter.MAX_OFFSET, RunFilter.MAX_LIMIT);
        assertThat(largest.fromStart().limit()).isEqualTo(RunFilter.MAX_LOCAL_LIMIT);
    }

    @Test
    void filtersRefuseNegativeOffsetsAndEmptyPages() {
        assertThatThrownBy(() -> new RunFilter(Optional.empty(), Optional.empty(), -1, 10))
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> new RunFilter(Optional.empty(), Optional.empty(), 0, 0))
                .hasMessageContaining("limit");
    }

    private static RunSummary run(String runId, long createdSecond) {
        Instant created = Instant.ofEpochSecond(createdSecond);
        return new RunSummary(runId, runId.substring(0, 1), 1, RunStatus.SUCCEEDED, TriggerKind.MANUAL, created, 0,
                created, Optional.of(created), Optional.of(created), RecordCounts.ZERO, Optional.empty());
    }
}
