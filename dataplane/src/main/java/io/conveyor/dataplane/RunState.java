package io.conveyor.dataplane;

import io.conveyor.control.TaskCommand;

/** What a service knows about a run's task when a record of that run arrives. */
public sealed interface RunState {

    /** Started and neither cancelled nor over: its records are processed under this command. */
    record Active(TaskCommand command) implements RunState {
    }

    /** Cancelled, or the run has ended: its records are skipped. */
    record Finished(String reason) implements RunState {
    }

    /** No command yet: its records wait until one arrives. */
    enum Unknown implements RunState {
        INSTANCE
    }
}
