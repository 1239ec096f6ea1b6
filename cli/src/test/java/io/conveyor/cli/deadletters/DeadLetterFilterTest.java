package io.conveyor.cli.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.cli.CliFailure;
import io.conveyor.cli.ExitCodes;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

    @Test
    void onlyTheKeysGivenAreSentUnderTheSchedulersNames() {
        DeadLetterFilter filter = new DeadLetterFilter("orders@m-1", DeadLetterFilter.Stage.TRANSFORM, null, "regex", null,
                "2026-12-07T00:00:00Z", null);

        assertThat(filter.parameters()).containsExactly(java.util.Map.entry("run", "orders@m-1"),
                java.util.Map.entry("stage", "TRANSFORM"), java.util.Map.entry("rule", "regex"),
                java.util.Map.entry("from", "2026-12-07T00:00:00Z"));
        assertThat(new DeadLetterFilter(null, null, null, null, null, null, null).parameters()).isEmpty();
    }

    @Test
    void theStateIsAddedForListAndSummaryOnly() {
        assertThat(DeadLettersCommand.query(new DeadLetterFilter(null, null, "clean", null, null, null, null),
                DeadLettersCommand.State.REPLAYED)).containsExactly(java.util.Map.entry("task", "clean"),
                java.util.Map.entry("state", "REPLAYED"));
    }

    @Test
    void anInstantThatIsNotIso8601IsAUsageErrorNamingTheOption() {
        assertThatThrownBy(() -> new DeadLetterFilter(null, null, null, null, null, null, "yesterday"))
                .isInstanceOfSatisfying(CliFailure.class, failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.INVALID))
                .hasMessage("--to 'yesterday' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsAUsageError() {
        assertThatThrownBy(() -> new DeadLetterFilter(null, null, null, null, null, "2026-12-08T00:00:00Z", "2026-12-07T00:00:00Z"))
                .isInstanceOfSatisfying(CliFailure.class, failure -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.INVALID))
                .hasMessage("--from 2026-12-08T00:00:00Z is after --to 2026-12-07T00:00:00Z");
    }
}
