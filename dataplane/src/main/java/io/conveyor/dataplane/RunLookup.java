package io.conveyor.dataplane;

import io.conveyor.control.TaskCommand;

/** What a service knows about a run's task when a record of that run arrives. */
public sealed interface RunLookup {

    /** Started and neither cancelled nor over: its records are processed under this command. */
    record Active(TaskCommand command) implements RunLookup {
    }

    /** Cancelled, or the run has ended: its records are skipped. */
    record Finished(String reason) implements RunLookup {
    }

    /** No command yet: its records wait until one arrives. */
    enum Unknown implements RunLookup {
        INSTANCE
    }
}
