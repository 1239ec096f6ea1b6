package io.conveyor.transformer.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.transformer.rules.RuleChain;

/** Everything needed to transform one run's records: its command, rule chain and settings. */
public record TaskPlan(TaskCommand command, RuleChain chain, int outputPartitions) {
}
