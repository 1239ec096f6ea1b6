package io.conveyor.scheduler.query;

import io.conveyor.control.TriggerKind;
import io.conveyor.scheduler.dag.RecordCounts;
import io.conveyor.scheduler.dag.RunStatus;
import io.conveyor.scheduler.tracker.TrackedRun;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** One line of the run history; {@code rerunOf} names the run a rerun repeats. */
public record RunSummary(
        String runId,
        String pipeline,
        int pipelineVersion,
        RunStatus status,
        TriggerKind trigger,
        Instant logicalTime,
        int priority,
        Instant createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        RecordCounts counts,
        Optional<String> rerunOf) {

    public RunSummary {
        // Absent in the pages of instances that predate reruns.
        rerunOf = rerunOf == null ? Optional.empty() : rerunOf;
    }

    /**
     * Newest first, ties by run id: the order of the run indexes, which key by creation time in
     * milliseconds, so pages merged from several partitions and instances agree with each store.
     */
    public static final Comparator<RunSummary> NEWEST_FIRST =
            Comparator.comparingLong((RunSummary run) -> run.createdAt().toEpochMilli()).reversed()
                    .thenComparing(RunSummary::runId);

    public static RunSummary of(TrackedRun run) {
        var state = run.state();
        return new RunSummary(state.runId(), state.pipeline(), state.pipelineVersion(), state.status(), run.trigger(),
                run.logicalTime(), state.priority(), state.createdAt(), state.startedAt(), state.finishedAt(),
                state.totals(), run.rerunOf());
    }
}
