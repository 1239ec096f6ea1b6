package io.conveyor.dataplane;

import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task commands of one service kind and the run outcomes, folded from the command and run
 * topics. Every instance folds all of them, so any instance can process any run's records. Thread
 * safe: one feed writes, the data-path workers read.
 */
public final class RunDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);

    private static final Set<RunEventType> TERMINAL = Set.of(RunEventType.SUCCEEDED, RunEventType.FAILED,
            RunEventType.SUCCEEDED_WITH_REJECTS, RunEventType.CANCELLED);

    private final Map<TaskKey, TaskCommand> commands = new ConcurrentHashMap<>();
    private final Map<String, RunEventType> endedRuns = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    private record TaskKey(String runId, String taskId) {
    }

    /** Keeps the latest attempt's command; a cancel of that attempt or a later one wins. */
    public void accept(TaskCommand command) {
        commands.merge(new TaskKey(command.getRunId(), command.getTaskId()), command,
                (current, next) -> next.getAttempt() >= current.getAttempt() ? next : current);
        version.incrementAndGet();
    }

    public void accept(RunEvent event) {
        if (TERMINAL.contains(event.getType())) {
            endedRuns.put(event.getRunId(), event.getType());
            version.incrementAndGet();
        }
    }

    /**
     * The state of the run a data record belongs to, by its {@code conveyor.run-id} header. A record
     * without one belongs to no run: it is logged with its position and counts as finished, so it
     * is skipped rather than held.
     */
    public RunLookup stateOf(ConsumerRecord<?, ?> record, String taskId) {
        String runId = DataHeaders.text(record.headers(), DataHeaders.RUN_ID);
        if (runId == null) {
            LOG.error("skipping {}-{}@{}: no {} header", record.topic(), record.partition(), record.offset(),
                    DataHeaders.RUN_ID);
            return new RunLookup.Finished("record without a run id");
        }
        return state(runId, taskId);
    }

    public RunLookup state(String runId, String taskId) {
        RunEventType ended = endedRuns.get(runId);
        if (ended != null) {
            return new RunLookup.Finished("run " + runId + " is " + ended);
        }
        TaskCommand command = commands.get(new TaskKey(runId, taskId));
        if (command == null) {
            return RunLookup.Unknown.INSTANCE;
        }
        if (command.getAction() != TaskAction.START) {
            return new RunLookup.Finished("task " + taskId + " of run " + runId + " is cancelled");
        }
        return new RunLookup.Active(command);
    }

    /** The commands of task {@code taskId} of {@code pipeline} whose runs are started and neither cancelled nor over. */
    public List<TaskCommand> started(String pipeline, String taskId) {
        return commands.values().stream()
                .filter(command -> command.getPipeline().equals(pipeline) && command.getTaskId().equals(taskId))
                .filter(command -> state(command.getRunId(), taskId) instanceof RunLookup.Active)
                .toList();
    }

    /** Changes whenever the directory does; a worker holding records back retries when it moves. */
    public long version() {
        return version.get();
    }
}
