package io.conveyor.transformer.stream;

/** A run's plan, or why its command cannot be carried out (the task then fails). */
public sealed interface PlanOutcome {

    record Ready(TaskPlan plan) implements PlanOutcome {
    }

    record Invalid(String message) implements PlanOutcome {
    }
}
