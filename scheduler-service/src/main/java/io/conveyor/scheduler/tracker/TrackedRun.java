package io.conveyor.scheduler.tracker;

import io.conveyor.control.TaskKind;
import io.conveyor.control.TriggerKind;
import io.conveyor.pipeline.spec.AlertSpec;
import io.conveyor.scheduler.dag.RunState;
import io.conveyor.scheduler.run.QueuedRun;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One run as the tracker stores it: the state machine's {@link RunState} plus what the tracker
 * needs beside it. The run pins its pipeline version: the task commands it sends are built from
 * {@code launches}, never from the pipeline as deployed later.
 *
 * @param maxActiveRuns the pinned version's limit, used when the run waits in the queue
 * @param partitions PARTITION_DONE reports by task id, for the task's current attempt
 * @param rerunOf    the run this one repeats ({@code POST /runs/{id}/rerun}, a forced backfill)
 * @param alerts     the pinned version's alert settings
 * @param slaAlerted when the run's SLA alert was raised: it is raised once
 */
public record TrackedRun(
        RunState state,
        TriggerKind trigger,
        Instant logicalTime,
        int maxActiveRuns,
        Map<String, TaskLaunch> launches,
        String deadLetterTopic,
        Map<String, PartitionProgress> partitions,
        Optional<String> rerunOf,
        Optional<AlertSpec> alerts,
        Optional<Instant> slaAlerted) {

    /** A run that repeats no other run and raises no alert. */
    public TrackedRun(RunState state, TriggerKind trigger, Instant logicalTime, int maxActiveRuns,
                      Map<String, TaskLaunch> launches, String deadLetterTopic, Map<String, PartitionProgress> partitions) {
        this(state, trigger, logicalTime, maxActiveRuns, launches, deadLetterTopic, partitions, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public TrackedRun {
        // Absent in states stored before reruns and alerts existed.
        rerunOf = rerunOf == null ? Optional.empty() : rerunOf;
        alerts = alerts == null ? Optional.empty() : alerts;
        slaAlerted = slaAlerted == null ? Optional.empty() : slaAlerted;
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(trigger, "trigger of run " + state.runId());
        Objects.requireNonNull(logicalTime, "logicalTime of run " + state.runId());
        launches = Map.copyOf(launches);
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic of run " + state.runId());
        partitions = Map.copyOf(partitions);
        if (!launches.keySet().equals(state.tasks().keySet())) {
            throw new IllegalArgumentException("run " + state.runId() + " has launches for " + launches.keySet()
                    + " but tasks " + state.tasks().keySet());
        }
    }

    private static final Set<TaskKind> READS_RECORDS = EnumSet.of(TaskKind.TRANSFORM, TaskKind.LOAD);
    private static final Set<TaskKind> WRITES_RECORDS = EnumSet.of(TaskKind.EXTRACT, TaskKind.TRANSFORM);

    public String runId() {
        return state.runId();
    }

    public String pipeline() {
        return state.pipeline();
    }

    public TaskLaunch launch(String taskId) {
        return launches.get(taskId);
    }

    /**
     * The upstream tasks whose output records {@code taskId} reads: a transform or load reads the data
     * topics of its extract and transform upstream tasks; an extract reads none (its upstream only orders it).
     */
    public List<String> dataUpstream(String taskId) {
        if (!READS_RECORDS.contains(launches.get(taskId).kind())) {
            return List.of();
        }
        return state.dag().task(taskId).dependsOn().stream()
                .filter(upstream -> WRITES_RECORDS.contains(launches.get(upstream).kind()))
                .toList();
    }

    /** Its place in the pipeline's queue: priority, then the time the trigger was accepted. */
    public QueuedRun queued() {
        return new QueuedRun(runId(), pipeline(), state.priority(), state.createdAt());
    }

    public TrackedRun with(RunState next) {
        return new TrackedRun(next, trigger, logicalTime, maxActiveRuns, launches, deadLetterTopic, partitions, rerunOf,
                alerts, slaAlerted);
    }

    /** This run with its SLA alert raised at {@code time}. */
    public TrackedRun slaAlertedAt(Instant time) {
        return new TrackedRun(state, trigger, logicalTime, maxActiveRuns, launches, deadLetterTopic, partitions, rerunOf,
                alerts, Optional.of(time));
    }

    public TrackedRun with(String taskId, PartitionProgress progress) {
        var next = new HashMap<>(partitions);
        next.put(taskId, progress);
        return new TrackedRun(state, trigger, logicalTime, maxActiveRuns, launches, deadLetterTopic, next, rerunOf, alerts,
                slaAlerted);
    }
}
