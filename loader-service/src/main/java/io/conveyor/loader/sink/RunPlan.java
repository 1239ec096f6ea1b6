package io.conveyor.loader.sink;

import io.conveyor.control.TaskCommand;
import io.conveyor.dataplane.FileRoots;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.canonical.CanonicalJsonException;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.pipeline.spec.sink.SinkSpec;

/** What a sink worker makes of a run's command: its run, a run another sink worker loads, or why it cannot load. */
public sealed interface RunPlan<S extends SinkSpec> {

    record Ready<S extends SinkSpec>(SinkRun<S> run) implements RunPlan<S> {
    }

    /** The run's sink is of another kind: the worker of that kind loads it. */
    record Elsewhere<S extends SinkSpec>() implements RunPlan<S> {
    }

    record Invalid<S extends SinkSpec>(String message) implements RunPlan<S> {
    }

    /** The sink of the command's task, or null when the command is not a readable load task. */
    static SinkSpec sinkOf(TaskCommand command) {
        try {
            return TaskSpec.fromCanonicalJson(command.getConfig()).work() instanceof TaskWork.Load load ? load.sink() : null;
        } catch (CanonicalJsonException e) {
            return null;
        }
    }

    /** @param fileRoots where a file sink may write; a path outside them makes the run {@link Invalid} (its task fails) */
    static <S extends SinkSpec> RunPlan<S> of(TaskCommand command, Class<S> kind, FileRoots fileRoots) {
        try {
            TaskSpec task = TaskSpec.fromCanonicalJson(command.getConfig());
            if (!(task.work() instanceof TaskWork.Load load)) {
                return new Invalid<>("task " + task.id() + " is not a load task");
            }
            if (!kind.isInstance(load.sink())) {
                return new Elsewhere<>();
            }
            if (load.sink() instanceof FileSink file) {
                fileRoots.check("sink file", file.path());
            }
            return new Ready<>(new SinkRun<>(command, kind.cast(load.sink())));
        } catch (IllegalArgumentException unreadableOrOutsideTheRoots) {
            // CanonicalJsonException is one; so is FileRoots' refusal, which names the path and the roots.
            return new Invalid<>(unreadableOrOutsideTheRoots.getMessage());
        }
    }
}
