package io.conveyor.scheduler.dag;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of applying one input: the state to store and the outputs to publish, in order.
 * An ignored input leaves the very same state, has no outputs and says why it was ignored.
 */
public record Transition(RunState next, List<RunOutput> outputs, Optional<Ignored> ignored) {

    /** Why an input did not change the run. */
    public enum Reason {
        /** The run already has its outcome. */
        RUN_FINISHED,
        UNKNOWN_TASK,
        /** The report is for an attempt older than the task's current one. */
        STALE_ATTEMPT,
        /** The report is for an attempt that was never dispatched. */
        UNDISPATCHED_ATTEMPT,
        /** The attempt already ended (failed, timed out, succeeded, skipped or cancelled). */
        ATTEMPT_ENDED,
        /** The input repeats what the state already says. */
        DUPLICATE
    }

    public record Ignored(Reason reason, String detail) {
    }

    public Transition {
        Objects.requireNonNull(next, "next");
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(ignored, "ignored");
    }

    static Transition ignored(RunState state, Reason reason, String detail) {
        return new Transition(state, List.of(), Optional.of(new Ignored(reason, detail)));
    }
}
