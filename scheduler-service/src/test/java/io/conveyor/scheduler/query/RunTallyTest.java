package io.conveyor.scheduler.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TriggerKind;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunTallyTest {

    private static final Instant T0 = Instant.parse("2026-12-07T02:00:00Z");

    private static RunSummary run(String id, String pipeline, RunStatus status, Optional<Instant> started,
                                  Optional<Instant> finished) {
        return new RunSummary(id, pipeline, 1, status, TriggerKind.MANUAL, T0, 0, T0, started, finished, RecordCounts.ZERO,
                Optional.empty());
    }

    @Test
    void runsAreCountedByPipelineAndStatusWithEveryOtherStatusOfASeenPipelineAtZero() {
        RunTally tally = new RunTally();
        tally.add(run("orders@1", "orders", RunStatus.QUEUED, Optional.empty(), Optional.empty()));
        tally.add(run("orders@2", "orders", RunStatus.QUEUED, Optional.empty(), Optional.empty()));
        tally.add(run("orders@3", "orders", RunStatus.RUNNING, Optional.of(T0), Optional.empty()));
        tally.add(run("people@1", "people", RunStatus.FAILED, Optional.of(T0), Optional.of(T0.plusSeconds(3))));

        assertThat(tally.runs()).containsEntry(new RunTally.Key("orders", RunStatus.QUEUED), 2L)
                .containsEntry(new RunTally.Key("orders", RunStatus.RUNNING), 1L)
                .containsEntry(new RunTally.Key("orders", RunStatus.FAILED), 0L)
                .containsEntry(new RunTally.Key("people", RunStatus.FAILED), 1L)
                .hasSize(2 * RunStatus.values().length);
    }

    @Test
    void thePipelinesLastFinishedRunGivesItsOutcomeAndHowLongItRanFromItsStart() {
        RunTally tally = new RunTally();
        tally.add(run("orders@late", "orders", RunStatus.SUCCEEDED_WITH_REJECTS, Optional.of(T0.plusSeconds(60)),
                Optional.of(T0.plusSeconds(75))));
        tally.add(run("orders@early", "orders", RunStatus.FAILED, Optional.of(T0), Optional.of(T0.plusSeconds(40))));
        // Cancelled while queued: it never started, its time is its time in the queue.
        tally.add(run("people@1", "people", RunStatus.CANCELLED, Optional.empty(), Optional.of(T0.plusSeconds(9))));

        assertThat(tally.lastFinished().get("orders")).isEqualTo(new RunTally.LastFinished(RunStatus.SUCCEEDED_WITH_REJECTS,
                T0.plusSeconds(75), Duration.ofSeconds(15)));
        assertThat(tally.lastFinished().get("people").took()).isEqualTo(Duration.ofSeconds(9));
    }
}
