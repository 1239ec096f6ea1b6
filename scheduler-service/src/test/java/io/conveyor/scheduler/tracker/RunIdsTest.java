package io.conveyor.scheduler.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void scheduledRunIdIsThePipelineAndTheLogicalTimeInUtc() {
        assertThat(RunIds.scheduled("orders", Instant.parse("2026-03-01T02:00:05.123Z")))
                .isEqualTo("orders@20260301T020005Z");
    }

    @Test
    void manualRunsWithTheSameIdempotencyKeyShareTheirId() {
        String first = RunIds.manual("orders", Optional.of("ticket-42"));

        assertThat(first).isEqualTo(RunIds.manual("orders", Optional.of("ticket-42")))
                .matches("orders@m-[0-9a-f]{16}")
                .isNotEqualTo(RunIds.manual("orders", Optional.of("ticket-43")));
    }

    @Test
    void manualRunsWithoutAKeyAreAlwaysNew() {
        assertThat(RunIds.manual("orders", Optional.empty())).isNotEqualTo(RunIds.manual("orders", Optional.empty()))
                .startsWith("orders@m-");
    }

    @Test
    void thePipelineIsThePartBeforeTheAt() {
        assertThat(RunIds.pipelineOf("orders@m-0123456789abcdef")).isEqualTo("orders");
    }

    @Test
    void idsWithoutPipelineOrSuffixAreRefused() {
        for (String bad : new String[] {"orders", "@20260101T000000Z", "orders@"}) {
            assertThatThrownBy(() -> RunIds.pipelineOf(bad)).isInstanceOf(InvalidRunIdException.class)
                    .hasMessageContaining(bad);
        }
    }
}
