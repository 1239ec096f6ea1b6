package io.conveyor.loader.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.sink.PostgresSink;

/** How one run of a load task loads: its command, the PostgreSQL sink and the task's settings. */
public record LoadPlan(TaskCommand command, PostgresSink sink, TaskSettings settings) {

    /** Runs of one task load through one connection: they must agree on where. */
    public String database() {
        return sink.url() + " as " + sink.user().orElse("(default user)");
    }
}
