package io.conveyor.scheduler.tracker;

import io.conveyor.control.Alert;
import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskAction;
import io.conveyor.scheduler.dag.RunInput;
import io.conveyor.scheduler.dag.RunInput.RunStarted;
import io.conveyor.scheduler.dag.RunMachine;
import io.conveyor.scheduler.dag.RunOutput;
import io.conveyor.scheduler.dag.RunOutput.CancelTask;
import io.conveyor.scheduler.dag.RunOutput.DispatchTask;
import io.conveyor.scheduler.dag.RunOutput.RunFinished;
import io.conveyor.scheduler.dag.RunOutput.RunStatusChanged;
import io.conveyor.scheduler.dag.Transition;
import io.conveyor.scheduler.run.RunAdmission;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies inputs to stored runs through {@link RunMachine} and publishes what the transitions
 * say: task commands, run events, and the admission of queued runs when a slot frees up.
 */
final class RunControl {

    static final String COMMANDS_SINK = "task-commands-sink";
    static final String RUNS_SINK = "runs-sink";
    static final String ALERTS_SINK = "alerts-sink";

    private static final Logger LOG = LoggerFactory.getLogger(RunControl.class);

    private final ProcessorContext<String, SpecificRecord> context;
    private final RunBook book;

    RunControl(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.book = new RunBook(context);
    }

    RunBook book() {
        return book;
    }

    /** A new run starts now if its pipeline has a free slot and waits in the queue otherwise. */
    void admitOrQueue(TrackedRun run, Instant now) {
        book.add(run);
        if (freeSlots(run) > 0) {
            apply(run, new RunStarted(), now);
        } else {
            book.enqueue(run);
            publish(run, RunEventType.QUEUED, "waiting: " + run.maxActiveRuns() + " runs of the pipeline are active", now);
        }
    }

    /**
     * Applies the input and publishes the outputs; an ignored input changes nothing.
     *
     * @return the run as it is stored now
     */
    TrackedRun apply(TrackedRun run, RunInput input, Instant now) {
        return apply(run, run, input, now);
    }

    /**
     * Applies an input derived from a report that {@code reported} already recorded in the run
     * (partition progress). The record is kept even when the machine ignores the input: an empty
     * partition's PARTITION_DONE adds no counts, so the machine sees a duplicate, but the partition
     * still counts towards completion.
     *
     * @return the run as it is stored now
     */
    TrackedRun apply(TrackedRun stored, TrackedRun reported, RunInput input, Instant now) {
        Transition transition = RunMachine.apply(reported.state(), input, now);
        transition.ignored().ifPresent(ignored -> LOG.debug("run {}: {} ignored ({}: {})", stored.runId(),
                input.getClass().getSimpleName(), ignored.reason(), ignored.detail()));
        TrackedRun next = reported.with(transition.next());
        if (next.equals(stored)) {
            return stored;
        }
        book.save(next);
        Optional<RunFinished> finished = Optional.empty();
        for (RunOutput output : transition.outputs()) {
            if (output instanceof DispatchTask dispatch) {
                command(next, dispatch.taskId(), dispatch.attempt(), TaskAction.START, now);
            } else if (output instanceof CancelTask cancel) {
                command(next, cancel.taskId(), cancel.attempt(), TaskAction.CANCEL, now);
            } else if (output instanceof RunStatusChanged changed) {
                publish(next, TrackerRecords.eventType(changed.to()), null, now);
            } else if (output instanceof RunFinished end) {
                publish(next, TrackerRecords.eventType(end.outcome()), finishMessage(end), now);
                finished = Optional.of(end);
            }
        }
        if (finished.isPresent()) {
            RunAlerts.finished(next, now).forEach(alert -> raise(next, alert, now));
            admitQueued(next.pipeline(), now);
        }
        return next;
    }

    /** Raises the run's SLA alert if its deadline has passed (once: the run remembers it). */
    void checkSla(TrackedRun run, Instant now) {
        RunAlerts.slaMissed(run, now).ifPresent(alert -> {
            book.save(run.slaAlertedAt(now));
            raise(run, alert, now);
        });
    }

    private void raise(TrackedRun run, Alert alert, Instant now) {
        LOG.info("alert {}: {}", alert.getId(), alert.getSummary());
        context.forward(new Record<String, SpecificRecord>(run.runId(), alert, now.toEpochMilli()), ALERTS_SINK);
    }

    private void admitQueued(String pipeline, Instant now) {
        Optional<TrackedRun> head = book.headOfQueue(pipeline);
        while (head.isPresent() && freeSlots(head.get()) > 0) {
            book.dequeue(head.get());
            apply(head.get(), new RunStarted(), now);
            head = book.headOfQueue(pipeline);
        }
    }

    private int freeSlots(TrackedRun run) {
        return new RunAdmission(run.maxActiveRuns()).freeSlots(book.activeRuns(run.pipeline()));
    }

    private void command(TrackedRun run, String taskId, int attempt, TaskAction action, Instant now) {
        var command = TrackerRecords.command(run, taskId, attempt, action, now);
        context.forward(new Record<String, SpecificRecord>(run.runId(), command, now.toEpochMilli()), COMMANDS_SINK);
    }

    private void publish(TrackedRun run, RunEventType type, String message, Instant now) {
        var event = TrackerRecords.event(run, type, message, now);
        context.forward(new Record<String, SpecificRecord>(run.runId(), event, now.toEpochMilli()), RUNS_SINK);
    }

    private static String finishMessage(RunFinished end) {
        return end.failedTasks().isEmpty() ? null : "failed tasks: " + String.join(", ", end.failedTasks());
    }
}
