package io.conveyor.control;

import io.conveyor.control.RunIds;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdsTest {

    @Test
    void scheduledRunIdIsThePipelineAndTheLogicalTimeInUtcToTheSecond() {
        assertThat(RunIds.scheduled("orders", Instant.parse("2026-03-29T01:00:00.250Z"))).isEqualTo("orders@20260329T010000Z");
    }

    @Test
    void manualRunIdIsTheStartOfTheIdempotencyKeysSha256() {
        assertThat(RunIds.manual("orders", "abc")).isEqualTo("orders@m-ba7816bf8f01cfea");
        assertThat(RunIds.manual("orders", Optional.of("abc"))).isEqualTo("orders@m-ba7816bf8f01cfea");
        assertThat(RunIds.manual("orders", "ticket-42")).isNotEqualTo(RunIds.manual("orders", "ticket-43"));
    }

    @Test
    void manualRunsWithoutAKeyAreAlwaysNew() {
        assertThat(RunIds.manual("orders", Optional.empty())).isNotEqualTo(RunIds.manual("orders", Optional.empty()))
                .matches("orders@m-[0-9a-f]{16}");
    }

    @Test
    void thePipelineIsThePartBeforeTheAtAndNothingElseIsARunId() {
        assertThat(RunIds.pipelineOf("orders@m-ba7816bf8f01cfea")).contains("orders");
        assertThat(RunIds.pipelineOf("orders@20260329T010000Z")).contains("orders");
        assertThat(RunIds.pipelineOf("orders")).isEmpty();
        assertThat(RunIds.pipelineOf("@x")).isEmpty();
        assertThat(RunIds.pipelineOf("orders@")).isEmpty();
    }
}
