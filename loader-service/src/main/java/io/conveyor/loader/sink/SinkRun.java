package io.conveyor.loader.sink;

import io.conveyor.control.TaskCommand;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.sink.SinkSpec;

/** One run of a load task whose sink is of kind {@code S}: its command, its sink and the task's settings. */
public record SinkRun<S extends SinkSpec>(TaskCommand command, S sink, TaskSettings settings) {

    public String runId() {
        return command.getRunId();
    }
}
