package io.conveyor.loader.sink;

import io.conveyor.control.TaskCommand;
import io.conveyor.pipeline.spec.sink.SinkSpec;

/** One run of a load task whose sink is of kind {@code S}: its command and its sink. */
public record SinkRun<S extends SinkSpec>(TaskCommand command, S sink) {

    public String runId() {
        return command.getRunId();
    }
}
