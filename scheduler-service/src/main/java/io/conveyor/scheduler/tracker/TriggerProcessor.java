package io.conveyor.scheduler.tracker;

import io.conveyor.control.RunIds;
import io.conveyor.control.PipelineVersion;
import io.conveyor.control.TriggerAction;
import io.conveyor.control.TriggerEvent;
import io.conveyor.control.TriggerKind;
import io.conveyor.dataplane.replay.ReplaySlice;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import io.conveyor.schemas.TopicNames;
import io.conveyor.scheduler.dag.InvalidDagException;
import io.conveyor.scheduler.dag.RerunScope;
import io.conveyor.scheduler.dag.RunInput.CancelRequested;
import io.conveyor.scheduler.dag.RunState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and cancels runs. A START creates the run (pinning the deployed pipeline version) unless
 * a run with its id exists; a trigger that cannot be acted on goes to the trigger dead-letter topic
 * with the reason, in the same transaction as everything else the tracker does.
 */
final class TriggerProcessor implements Processor<String, TriggerEvent, String, SpecificRecord> {

    static final String DEAD_LETTER_SINK = "trigger-dlq-sink";

    private static final Logger LOG = LoggerFactory.getLogger(TriggerProcessor.class);

    private final TopicNames topics;
    private ProcessorContext<String, SpecificRecord> context;
    private RunControl control;
    private KeyValueStore<String, PipelineVersion> pipelines;

    TriggerProcessor(TopicNames topics) {
        this.topics = topics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.control = new RunControl(context);
        this.pipelines = context.getStateStore(TrackerStores.PIPELINES);
    }

    @Override
    public void process(Record<String, TriggerEvent> record) {
        TriggerEvent trigger = record.value();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (trigger == null) {
            reject(record, null, "value", "the trigger is empty (null value)", now);
        } else if (!trigger.getPipeline().equals(record.key())) {
            reject(record, null, "key", "the trigger is keyed '" + record.key() + "' but names pipeline '"
                    + trigger.getPipeline() + "'; triggers must be keyed by pipeline", now);
        } else if (trigger.getAction() == TriggerAction.START) {
            start(record, now);
        } else if (trigger.getAction() == TriggerAction.CANCEL) {
            cancel(record, now);
        } else {
            reject(record, null, "action", "unknown trigger action " + trigger.getAction(), now);
        }
    }

    private void start(Record<String, TriggerEvent> record, Instant now) {
        TriggerEvent trigger = record.value();
        PipelineVersion version;
        try {
            version = pipelines.get(trigger.getPipeline());
        } catch (SerializationException e) {
            reject(record, null, "pipeline-readable", "the deployed version of pipeline '" + trigger.getPipeline()
                    + "' cannot be read: " + e.getMessage(), now);
            return;
        }
        if (version == null || version.getDeleted()) {
            reject(record, null, "pipeline-deployed", "pipeline '" + trigger.getPipeline() + "' is not deployed", now);
            return;
        }
        if (version.getPaused()) {
            // The REST API refuses these with 409; a trigger written to the topic directly is refused here alike.
            reject(record, null, "pipeline-paused", "pipeline '" + trigger.getPipeline()
                    + "' is paused; it starts no run until it is unpaused", now);
            return;
        }
        String runId = runId(trigger);
        Optional<TrackedRun> existing = control.book().find(runId);
        if (existing.isPresent() && trigger.getIdempotencyKey() == null) {
            LOG.info("run {} exists; trigger from {} ignored", runId, trigger.getRequestedBy());
            return;
        }
        PinnedPipeline pinned;
        try {
            pinned = PinnedPipeline.pin(version, topics);
        } catch (PipelineValidationException | InvalidDagException | IllegalArgumentException e) {
            reject(record, runId, "pipeline-version", "version " + version.getVersion() + " of pipeline '"
                    + trigger.getPipeline() + "' cannot be run: " + e.getMessage(), now);
            return;
        }
        Set<String> unknown = new TreeSet<>(trigger.getParameters().keySet());
        unknown.removeAll(pinned.parameterNames());
        String replay = trigger.getParameters().get(ReplaySlice.PARAMETER);
        if (replay != null) {
            if (ReplaySlice.parse(replay).isEmpty()) {
                reject(record, runId, "parameter-replay", "run parameter " + ReplaySlice.PARAMETER + " is '" + replay
                        + "', not partition:from-to of the replays topic", now);
                return;
            }
            // Set by the dead-letter replay, which claimed the letters in the transaction that wrote this trigger.
            unknown.remove(ReplaySlice.PARAMETER);
        }
        if (!unknown.isEmpty()) {
            reject(record, runId, "parameter-known", "pipeline '" + pinned.name() + "' does not use parameters " + unknown
                    + " (it uses " + new TreeSet<>(pinned.parameterNames()) + ")", now);
            return;
        }
        if (existing.isPresent()) {
            Map<String, String> asked = parameters(trigger, pinned);
            if (!asked.equals(existing.get().state().parameters())) {
                reject(record, runId, "idempotency-key", "idempotency key '" + trigger.getIdempotencyKey()
                        + "' already started run " + runId + " with parameters "
                        + new TreeMap<>(existing.get().state().parameters()) + ", not " + new TreeMap<>(asked), now);
                return;
            }
            LOG.info("run {} exists; trigger from {} ignored", runId, trigger.getRequestedBy());
            return;
        }
        if (trigger.getFailedOnly()) {
            failedTasksRerun(record, runId, pinned, now).ifPresent(run -> control.admitOrQueue(run, now));
            return;
        }
        control.admitOrQueue(newRun(runId, trigger, pinned, now), now);
    }

    /**
     * The run that reruns the failed tasks of {@code rerunOf}, the others carried over; empty (and the
     * trigger dead-lettered) when that run is unknown, unfinished, of another version or has no failed task.
     */
    private Optional<TrackedRun> failedTasksRerun(Record<String, TriggerEvent> record, String runId,
                                                  PinnedPipeline pinned, Instant now) {
        TriggerEvent trigger = record.value();
        if (trigger.getRerunOf() == null || trigger.getIdempotencyKey() == null) {
            reject(record, runId, "failed-only", "failedOnly needs rerunOf (the run whose failed tasks to rerun) and an"
                    + " idempotency key (which names the new run)", now);
            return Optional.empty();
        }
        Optional<TrackedRun> previous = control.book().find(trigger.getRerunOf());
        Optional<String> refusal = carryOverRefusal(trigger.getRerunOf(), previous, pinned);
        if (refusal.isPresent()) {
            reject(record, runId, "failed-only", refusal.get(), now);
            return Optional.empty();
        }
        TrackedRun old = previous.orElseThrow();
        RerunScope scope = RerunScope.ofFailedTasks(old.state(), old::dataUpstream);
        if (scope.nothingFailed()) {
            reject(record, runId, "failed-only", "run " + old.runId() + " has no failed task to rerun", now);
            return Optional.empty();
        }
        LOG.info("run {} reruns tasks {} of run {} and carries over {}", runId, scope.rerun(), old.runId(), scope.carried());
        RunState state = scope.queued(runId, parameters(trigger, pinned), trigger.getPriority(), now);
        return Optional.of(tracked(state, trigger, pinned, now));
    }

    /** Why the tasks of run {@code rerunOf} cannot be carried over into a rerun of {@code pinned}, if they cannot. */
    private static Optional<String> carryOverRefusal(String rerunOf, Optional<TrackedRun> previous, PinnedPipeline pinned) {
        if (previous.isEmpty()) {
            return Optional.of("run " + rerunOf + " is unknown");
        }
        RunState state = previous.get().state();
        if (!state.status().isTerminal()) {
            return Optional.of("run " + rerunOf + " has not finished");
        }
        if (state.pipelineVersion() != pinned.version()) {
            return Optional.of("run " + rerunOf + " ran version " + state.pipelineVersion() + " of pipeline '" + pinned.name()
                    + "', which is at version " + pinned.version() + " now; its tasks' outcomes cannot be carried over");
        }
        return Optional.empty();
    }

    /** The pipeline's default parameters overridden by the trigger's: what a run of it runs with. */
    private static Map<String, String> parameters(TriggerEvent trigger, PinnedPipeline pinned) {
        Map<String, String> parameters = new HashMap<>(pinned.parameters());
        parameters.putAll(trigger.getParameters());
        return parameters;
    }

    private void cancel(Record<String, TriggerEvent> record, Instant now) {
        TriggerEvent trigger = record.value();
        String runId = trigger.getRunId();
        if (runId == null) {
            reject(record, null, "run-id", "a CANCEL trigger needs the run id", now);
            return;
        }
        Optional<String> pipeline = RunIds.pipelineOf(runId);
        if (pipeline.isEmpty() || !pipeline.get().equals(trigger.getPipeline())) {
            reject(record, runId, "run-id", "run id '" + runId + "' is not a run of pipeline '"
                    + trigger.getPipeline() + "'", now);
            return;
        }
        Optional<TrackedRun> run = control.book().find(runId);
        if (run.isEmpty()) {
            reject(record, runId, "run-exists", "run " + runId + " is unknown", now);
            return;
        }
        String by = trigger.getRequestedBy() == null ? "a cancel trigger" : trigger.getRequestedBy();
        control.apply(run.get(), new CancelRequested("cancelled by " + by), now);
    }

    private static String runId(TriggerEvent trigger) {
        if (trigger.getRerunOf() != null && trigger.getIdempotencyKey() != null) {
            // A rerun keeps the logical time of the run it repeats but needs an id of its own.
            return RunIds.manual(trigger.getPipeline(), trigger.getIdempotencyKey());
        }
        return trigger.getLogicalTime() == null
                ? RunIds.manual(trigger.getPipeline(), Optional.ofNullable(trigger.getIdempotencyKey()))
                : RunIds.scheduled(trigger.getPipeline(), trigger.getLogicalTime());
    }

    private static TrackedRun newRun(String runId, TriggerEvent trigger, PinnedPipeline pinned, Instant now) {
        RunState state = RunState.queued(runId, pinned.name(), pinned.version(), parameters(trigger, pinned), trigger.getPriority(), now,
                pinned.dag());
        return tracked(state, trigger, pinned, now);
    }

    private static TrackedRun tracked(RunState state, TriggerEvent trigger, PinnedPipeline pinned, Instant now) {
        boolean manual = trigger.getLogicalTime() == null;
        return new TrackedRun(state, manual ? TriggerKind.MANUAL : TriggerKind.SCHEDULED,
                manual ? now : trigger.getLogicalTime(), pinned.maxActiveRuns(), pinned.launches(),
                pinned.deadLetterTopic(), Map.of(), Optional.ofNullable(trigger.getRerunOf()), pinned.alerts(), Optional.empty());
    }

    private void reject(Record<String, TriggerEvent> record, String runId, String rule, String reason, Instant now) {
        TriggerEvent trigger = record.value();
        String pipeline = trigger == null ? record.key() : trigger.getPipeline();
        LOG.warn("trigger rejected ({}): {}", rule, reason);
        DeadLetter letter = TriggerDeadLetters.rejected(source(record), record.key(), trigger, pipeline, runId, rule,
                reason, now);
        context.forward(new Record<String, SpecificRecord>(record.key(), letter, record.timestamp()), DEAD_LETTER_SINK);
    }

    private TriggerDeadLetters.Source source(Record<String, TriggerEvent> record) {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        return new TriggerDeadLetters.Source(metadata.map(RecordMetadata::topic).orElse(topics.triggers()),
                metadata.map(RecordMetadata::partition).orElse(-1), metadata.map(RecordMetadata::offset).orElse(-1L),
                record.headers());
    }
}
