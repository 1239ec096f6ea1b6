package io.conveyor.scheduler.tracker;

import io.conveyor.control.Alert;
import io.conveyor.control.AlertKind;
import io.conveyor.pipeline.spec.AlertSpec;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.RunStatus;
import io.conveyor.scheduler.dag.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which alerts a run raises (docs/alerts.md), decided from the stored run and the time alone: the
 * tracker raises them in the transaction that changes the run, and replaying that input after a
 * crash decides the same alerts. The SLA alert is remembered in the run ({@link TrackedRun#slaAlerted()}),
 * so it is raised once however many ticks see the deadline passed.
 *
 * <p>A run created at or after its deadline (a backfill or rerun of a past interval, a catch-up after
 * downtime) raises no SLA alert: it could not have met the deadline, and a backfill of a month would
 * page once per day of it.
 */
final class RunAlerts {

    private RunAlerts() {
    }

    /** The moment by which the run should have finished, if its pipeline has an SLA the run can still meet. */
    static Optional<Instant> deadline(TrackedRun run) {
        return run.alerts().flatMap(AlertSpec::sla).map(sla -> run.logicalTime().plus(sla))
                .filter(deadline -> run.state().createdAt().isBefore(deadline));
    }

    /** The SLA alert of a queued or running run whose deadline has passed, unless it was raised already. */
    static Optional<Alert> slaMissed(TrackedRun run, Instant now) {
        if (run.state().status().isTerminal() || run.slaAlerted().isPresent()) {
            return Optional.empty();
        }
        return deadline(run).filter(deadline -> !now.isBefore(deadline)).map(deadline -> alert(run, AlertKind.SLA_MISSED,
                "run %s of %s is not finished %s after its logical time %s (deadline %s); it is %s".formatted(run.runId(),
                        run.pipeline(), human(run.alerts().orElseThrow().sla().orElseThrow()), run.logicalTime(), deadline,
                        run.state().status()), now));
    }

    /**
     * The alerts of a run that has just finished: RUN_FAILED when it failed and its pipeline alerts on
     * failure, REJECT_RATE when it rejected a larger share of what it read than the pipeline's limit,
     * and SLA_MISSED when it finished after its deadline before a tick saw the deadline pass.
     */
    static List<Alert> finished(TrackedRun run, Instant now) {
        List<Alert> alerts = new ArrayList<>();
        if (run.alerts().isEmpty() || !run.state().status().isTerminal()) {
            return alerts;
        }
        AlertSpec spec = run.alerts().get();
        RunStatus status = run.state().status();
        if (status == RunStatus.FAILED && spec.onFailure()) {
            alerts.add(alert(run, AlertKind.RUN_FAILED, "run %s of %s failed: %s".formatted(run.runId(), run.pipeline(),
                    failures(run)), now));
        }
        RecordCounts counts = run.state().totals();
        if (status != RunStatus.CANCELLED && spec.rejectRateExceeded(counts.recordsRejected(), counts.recordsIn())) {
            alerts.add(alert(run, AlertKind.REJECT_RATE, "run %s of %s rejected %,d of %,d records (%s), more than its limit of %s"
                    .formatted(run.runId(), run.pipeline(), counts.recordsRejected(), counts.recordsIn(),
                            percent((double) counts.recordsRejected() / counts.recordsIn()), percent(spec.rejectRate().orElseThrow())),
                    now));
        }
        Instant finishedAt = run.state().finishedAt().orElse(now);
        if (run.slaAlerted().isEmpty() && status != RunStatus.CANCELLED) {
            deadline(run).filter(finishedAt::isAfter).ifPresent(deadline -> alerts.add(alert(run, AlertKind.SLA_MISSED,
                    "run %s of %s finished %s at %s, after its deadline %s (%s after its logical time %s)".formatted(
                            run.runId(), run.pipeline(), status, finishedAt, deadline, human(spec.sla().orElseThrow()),
                            run.logicalTime()), now)));
        }
        return alerts;
    }

    private static String failures(TrackedRun run) {
        List<String> failed = new ArrayList<>();
        for (String taskId : run.state().failedTasks()) {
            TaskState task = run.state().task(taskId);
            failed.add(taskId + " " + task.status() + task.message().map(message -> " (" + message + ")").orElse(""));
        }
        return failed.isEmpty() ? "no task failed; a downstream task was skipped" : "task " + String.join(", task ", failed);
    }

    private static Alert alert(TrackedRun run, AlertKind kind, String summary, Instant now) {
        return Alert.newBuilder()
                .setId(run.runId() + "/" + kind)
                .setKind(kind)
                .setPipeline(run.pipeline())
                .setPipelineVersion(run.state().pipelineVersion())
                .setRunId(run.runId())
                .setRunStatus(run.state().status().name())
                .setLogicalTime(run.logicalTime())
                .setRaisedAt(now)
                .setSummary(summary)
                .setCounts(TrackerRecords.counts(run.state().totals()))
                .setFailedTasks(run.state().failedTasks())
                .setChannels(run.alerts().map(AlertSpec::channels).orElse(List.of()))
                .build();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    /** {@code PT1H30M} as {@code 1h30m}. */
    private static String human(java.time.Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
