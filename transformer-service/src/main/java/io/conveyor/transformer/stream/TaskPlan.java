package io.conveyor.transformer.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.transformer.rules.RuleChain;

/** Everything needed to transform one run's records: its command, rule chain and settings. */
public record TaskPlan(TaskCommand command, RuleChain chain, TaskSettings settings, int outputPartitions) {
}
