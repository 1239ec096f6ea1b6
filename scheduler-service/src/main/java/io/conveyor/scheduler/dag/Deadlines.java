package io.conveyor.scheduler.dag;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the passing of time does to a run: attempts time out, backoffs expire. */
final class Deadlines {

    private Deadlines() {
    }

    static void expire(RunStep step) {
        for (TaskState task : step.state().tasksInOrder()) {
            Optional<Duration> timeout = step.definition(task.taskId()).timeout();
            if (task.status().hasLiveAttempt() && timeout.isPresent() && reached(task, timeout.get(), step.now())) {
                String why = "attempt " + task.attempt() + " timed out after " + timeout.get();
                step.cancelAttempt(task, why);
                step.endAttempt(task, TaskStatus.TIMED_OUT, why);
            }
        }
        for (TaskState task : step.state().tasksInOrder()) {
            if (task.status() == TaskStatus.RETRYING && !step.now().isBefore(task.timings().retryAt().orElseThrow())) {
                step.dispatchNextAttempt(task);
            }
        }
        step.settle();
    }

    private static boolean reached(TaskState task, Duration timeout, Instant now) {
        Instant dispatched = task.timings().dispatchedAt().orElseThrow();
        return !now.isBefore(dispatched.plus(timeout));
    }
}
