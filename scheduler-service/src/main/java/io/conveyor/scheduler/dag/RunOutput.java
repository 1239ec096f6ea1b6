package io.conveyor.scheduler.dag;

import java.util.List;
import java.util.Optional;

/** What the processor must publish after a transition. */
public sealed interface RunOutput {

    /** Send the command that starts this attempt of the task. */
    record DispatchTask(String taskId, int attempt) implements RunOutput {
    }

    /** Send the command that stops this attempt of the task. */
    record CancelTask(String taskId, int attempt, String reason) implements RunOutput {
    }

    /**
     * For run history and metrics: a task moved to another status.
     *
     * @param message the explanation this change recorded (failure, timeout, skip, cancel), if any
     */
    record TaskStatusChanged(String taskId, int attempt, TaskStatus from, TaskStatus to, Optional<String> message)
            implements RunOutput {
    }

    /** The run moved to another non-terminal status; reaching an outcome is reported by {@link RunFinished}. */
    record RunStatusChanged(RunStatus from, RunStatus to) implements RunOutput {
    }

    /**
     * The run reached its outcome.
     *
     * @param counts the run totals, see {@link RunState#totals()}
     * @param failedTasks tasks that ended {@link TaskStatus#FAILED} or {@link TaskStatus#TIMED_OUT}
     */
    record RunFinished(RunStatus outcome, RecordCounts counts, List<String> failedTasks) implements RunOutput {
        public RunFinished {
            failedTasks = List.copyOf(failedTasks);
        }
    }
}
