package io.conveyor.transformer.stream;

import io.conveyor.control.TaskCommand;

/** Everything needed to transform one run's records: its command, rule chains and settings. */
record TaskPlan(TaskCommand command, InputChains chains, int outputPartitions) {
}
