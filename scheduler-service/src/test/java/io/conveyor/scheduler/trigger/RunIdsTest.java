package io.conveyor.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void scheduledRunIdIsThePipelineAndTheLogicalTimeInUtc() {
        assertThat(RunIds.scheduled("orders", Instant.parse("2026-03-29T01:00:00.250Z"))).isEqualTo("orders@20260329T010000Z");
    }

    @Test
    void manualRunIdIsTheFirstSixteenHexDigitsOfTheKeysSha256() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(RunIds.manual("orders", "abc")).isEqualTo("orders@m-ba7816bf8f01cfea");
    }

    @Test
    void pipelineIsThePartBeforeTheAt() {
        assertThat(RunIds.pipelineOf("orders@m-ba7816bf8f01cfea")).contains("orders");
        assertThat(RunIds.pipelineOf("orders@20260329T010000Z")).contains("orders");
        assertThat(RunIds.pipelineOf("orders")).isEmpty();
        assertThat(RunIds.pipelineOf("@x")).isEmpty();
        assertThat(RunIds.pipelineOf("orders@")).isEmpty();
    }
}
