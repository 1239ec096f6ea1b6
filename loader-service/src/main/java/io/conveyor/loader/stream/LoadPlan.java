package io.conveyor.loader.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.loader.warehouse.Warehouse;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.sink.TableTarget;

/**
 * How one run of a load task loads: its command, the warehouse and table it loads into and the
 * task's settings. The warehouse is not connected yet; the task's worker connects the first one.
 */
public record LoadPlan(TaskCommand command, Warehouse warehouse, TableTarget target, TaskSettings settings) {

    /** Runs of one task load through one connection: they must agree on where. */
    public String database() {
        return warehouse.identity();
    }
}
