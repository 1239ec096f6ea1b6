package io.conveyor.scheduler.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.Alert;
import io.conveyor.control.AlertKind;
import io.conveyor.control.TriggerKind;
import io.conveyor.pipeline.spec.AlertSpec;
import io.conveyor.schemas.TopicNames;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.RunInput;
import io.conveyor.scheduler.dag.RunMachine;
import io.conveyor.scheduler.dag.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which alerts a run raises, from its state and the time alone. */
class RunAlertsTest {

    private static final Instant LOGICAL = Instant.parse("2026-12-07T02:00:00Z");
    private static final AlertSpec EVERY_ALERT = new AlertSpec(Optional.of(Duration.ofHours(1)), true, Optional.of(0.1),
            List.of("ops"));

    @Test
    void aRunningRunPastItsDeadlineRaisesOneSlaAlertNamingTheDeadline() {
        TrackedRun run = started(EVERY_ALERT, LOGICAL);

        assertThat(RunAlerts.slaMissed(run, LOGICAL.plus(Duration.ofMinutes(59)))).isEmpty();
        Alert alert = RunAlerts.slaMissed(run, LOGICAL.plus(Duration.ofHours(1))).orElseThrow();
        assertThat(alert.getId()).isEqualTo("alerting@x/SLA_MISSED");
        assertThat(alert.getKind()).isEqualTo(AlertKind.SLA_MISSED);
        assertThat(alert.getSummary()).isEqualTo("run alerting@x of alerting is not finished 1h after its logical time"
                + " 2026-12-07T02:00:00Z (deadline 2026-12-07T03:00:00Z); it is RUNNING");
        assertThat(alert.getChannels()).extracting(CharSequence::toString).containsExactly("ops");
        assertThat(RunAlerts.slaMissed(run.slaAlertedAt(LOGICAL.plus(Duration.ofHours(1))), LOGICAL.plus(Duration.ofHours(2))))
                .as("raised once").isEmpty();
    }

    @Test
    void aRunCreatedAfterItsDeadlineRaisesNoSlaAlert() {
        // A backfill, today, of last week's interval: it could never have met the deadline.
        TrackedRun run = queued(EVERY_ALERT, LOGICAL.minus(Duration.ofDays(7)), LOGICAL);

        assertThat(RunAlerts.deadline(run)).isEmpty();
        assertThat(RunAlerts.slaMissed(run, LOGICAL.plus(Duration.ofHours(5)))).isEmpty();
    }

    @Test
    void aFailedRunRaisesARunFailedAlertNamingItsFailedTaskAndWhy() {
        TrackedRun run = failed(EVERY_ALERT);

        List<Alert> alerts = RunAlerts.finished(run, LOGICAL.plus(Duration.ofMinutes(5)));

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.getKind()).isEqualTo(AlertKind.RUN_FAILED);
            assertThat(alert.getRunStatus()).isEqualTo("FAILED");
            assertThat(alert.getSummary()).isEqualTo("run alerting@x of alerting failed: task extract FAILED (attempt 1 failed: disk full)");
            assertThat(alert.getFailedTasks()).extracting(CharSequence::toString).containsExactly("extract");
        });
        AlertSpec quiet = new AlertSpec(Optional.empty(), false, Optional.empty(), List.of());
        assertThat(RunAlerts.finished(failed(quiet), LOGICAL.plus(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void aRunThatRejectedMoreThanItsLimitRaisesARejectRateAlertWithTheShares() {
        TrackedRun run = succeeded(EVERY_ALERT, new RecordCounts(1000, 850, 150, 0));

        assertThat(RunAlerts.finished(run, LOGICAL.plus(Duration.ofMinutes(5)))).singleElement().satisfies(alert -> {
            assertThat(alert.getKind()).isEqualTo(AlertKind.REJECT_RATE);
            assertThat(alert.getSummary()).isEqualTo("run alerting@x of alerting rejected 150 of 1,000 records (15.00%),"
                    + " more than its limit of 10.00%");
            assertThat(alert.getCounts().getRecordsRejected()).isEqualTo(150);
        });
        assertThat(RunAlerts.finished(succeeded(EVERY_ALERT, new RecordCounts(1000, 900, 100, 0)),
                LOGICAL.plus(Duration.ofMinutes(5)))).as("exactly at the limit").isEmpty();
    }

    @Test
    void aRunThatFinishedLateBeforeATickSawTheDeadlineRaisesItsSlaAlertWhenItFinishes() {
        TrackedRun late = succeeded(EVERY_ALERT, new RecordCounts(10, 10, 0, 0), LOGICAL.plus(Duration.ofMinutes(61)));

        assertThat(RunAlerts.finished(late, LOGICAL.plus(Duration.ofMinutes(61)))).extracting(Alert::getKind)
                .containsExactly(AlertKind.SLA_MISSED);
        assertThat(RunAlerts.finished(late.slaAlertedAt(LOGICAL.plus(Duration.ofHours(1))), LOGICAL.plus(Duration.ofMinutes(61))))
                .as("already raised while it ran").isEmpty();
    }

    @Test
    void aRunOfAPipelineWithoutAlertsRaisesNone() {
        TrackedRun run = failed(null);

        assertThat(RunAlerts.finished(run, LOGICAL.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(RunAlerts.slaMissed(started(null, LOGICAL), LOGICAL.plus(Duration.ofDays(1)))).isEmpty();
    }

    private static TrackedRun started(AlertSpec alerts, Instant created) {
        TrackedRun run = queued(alerts, LOGICAL, created);
        return run.with(RunMachine.apply(run.state(), new RunInput.RunStarted(), created).next());
    }

    private static TrackedRun failed(AlertSpec alerts) {
        TrackedRun run = started(alerts, LOGICAL);
        Instant now = LOGICAL.plus(Duration.ofMinutes(5));
        return run.with(RunMachine.apply(run.state(), new RunInput.TaskFailed("extract", 1, "disk full"), now).next());
    }

    private static TrackedRun succeeded(AlertSpec alerts, RecordCounts counts) {
        return succeeded(alerts, counts, LOGICAL.plus(Duration.ofMinutes(5)));
    }

    private static TrackedRun succeeded(AlertSpec alerts, RecordCounts counts, Instant at) {
        TrackedRun run = started(alerts, LOGICAL);
        RunState state = RunMachine.apply(run.state(), new RunInput.TaskSucceeded("extract", 1, counts), at).next();
        state = RunMachine.apply(state, new RunInput.TaskSucceeded("load", 1, new RecordCounts(counts.recordsOut(),
                counts.recordsOut(), 0, 0)), at).next();
        assertThat(state.status().isTerminal()).as("the run finished: %s", state.status()).isTrue();
        return run.with(state);
    }

    private static TrackedRun queued(AlertSpec alerts, Instant logicalTime, Instant created) {
        try {
            PinnedPipeline pinned = PinnedPipeline.pin(Fixtures.version("alerting", 1), TopicNames.defaults());
            RunState state = RunState.queued("alerting@x", "alerting", 1, Map.of(), 0, created, pinned.dag());
            return new TrackedRun(state, TriggerKind.SCHEDULED, logicalTime, 1, pinned.launches(), pinned.deadLetterTopic(), Map.of(),
                    Optional.empty(), Optional.ofNullable(alerts), Optional.empty());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
