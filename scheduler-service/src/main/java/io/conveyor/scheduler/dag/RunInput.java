package io.conveyor.scheduler.dag;

import java.util.Objects;

/** What can happen to a run. The time of each input is passed to {@link RunMachine} beside it. */
public sealed interface RunInput {

    /** The run was admitted: release the root tasks. */
    record RunStarted() implements RunInput {
    }

    /** Wall-clock punctuation: expires retry backoffs and task timeouts. */
    record Tick() implements RunInput {
    }

    record CancelRequested(String reason) implements RunInput {
        public CancelRequested {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A report from the service executing an attempt of a task. */
    sealed interface TaskReport extends RunInput {
        String taskId();

        int attempt();
    }

    record TaskStarted(String taskId, int attempt) implements TaskReport {
        public TaskStarted {
            Objects.requireNonNull(taskId, "taskId");
        }
    }

    /** Cumulative counts of the attempt so far. */
    record TaskProgress(String taskId, int attempt, RecordCounts counts) implements TaskReport {
        public TaskProgress {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(counts, "counts");
        }
    }

    /** Final counts of the attempt. */
    record TaskSucceeded(String taskId, int attempt, RecordCounts counts) implements TaskReport {
        public TaskSucceeded {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(counts, "counts");
        }
    }

    record TaskFailed(String taskId, int attempt, String message) implements TaskReport {
        public TaskFailed {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(message, "message");
        }
    }
}
