package io.conveyor.scheduler.dag;

import io.conveyor.scheduler.dag.RunInput.RunStarted;
import io.conveyor.scheduler.dag.RunInput.TaskFailed;
import io.conveyor.scheduler.dag.RunInput.TaskStarted;
import io.conveyor.scheduler.dag.RunInput.TaskSucceeded;
import io.conveyor.scheduler.dag.RunInput.Tick;
import io.conveyor.scheduler.dag.RunOutput.DispatchTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test fixture: feeds inputs to one run the way the stream processor will, on a manual clock. */
final class RunDriver {

    static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");

    private RunState state;
    private Instant now = T0;

    private RunDriver(RunState state) {
        this.state = state;
    }

    static RunDriver queued(DagDefinition dag) {
        return new RunDriver(RunState.queued("run-1", "orders", 3, Map.of("day", "2025-03-01"), 0, T0, dag));
    }

    /** A driver of an existing state, e.g. a rerun's queued state. */
    static RunDriver of(RunState state) {
        return new RunDriver(state);
    }

    static RunDriver started(DagDefinition dag) {
        RunDriver driver = queued(dag);
        driver.apply(new RunStarted());
        return driver;
    }

    Transition apply(RunInput input) {
        Transition transition = RunMachine.apply(state, input, now);
        state = transition.next();
        return transition;
    }

    /** Moves the clock to T0 + offset. */
    RunDriver at(Duration offset) {
        now = T0.plus(offset);
        return this;
    }

    Transition tick() {
        return apply(new Tick());
    }

    Transition start(String task) {
        return apply(new TaskStarted(task, attempt(task)));
    }

    Transition succeed(String task) {
        return succeed(task, RecordCounts.ZERO);
    }

    Transition succeed(String task, RecordCounts counts) {
        return apply(new TaskSucceeded(task, attempt(task), counts));
    }

    Transition fail(String task) {
        return apply(new TaskFailed(task, attempt(task), "boom"));
    }

    RunState state() {
        return state;
    }

    TaskState task(String id) {
        return state.task(id);
    }

    TaskStatus status(String id) {
        return state.task(id).status();
    }

    int attempt(String id) {
        return state.task(id).attempt();
    }

    static List<DispatchTask> dispatches(Transition transition) {
        return outputs(transition, DispatchTask.class);
    }

    static <T extends RunOutput> List<T> outputs(Transition transition, Class<T> type) {
        return transition.outputs().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
