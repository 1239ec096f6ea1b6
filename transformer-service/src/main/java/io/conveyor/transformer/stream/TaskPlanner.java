package io.conveyor.transformer.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.canonical.CanonicalJsonException;
import io.conveyor.serde.registry.RegistryClientException;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.transformer.plan.InvalidRuleException;
import io.conveyor.transformer.plan.RulePlanner;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.apache.avro.Schema;

/**
 * Builds each run's plan once (per attempt) from its command. A declared target schema is registered
 * under {@code <outputTopic>-value} before any record is written, so a schema the registry's
 * compatibility rules refuse fails the task up front instead of record by record; an inferred one
 * is registered when the first record shows the input's fields ({@link InputChains}).
 */
public final class TaskPlanner {

    private final RulePlanner rules;
    private final SchemaRegistryClient registry;
    private final ToIntFunction<String> partitionCount;
    private final Map<String, PlanOutcome> plans = new ConcurrentHashMap<>();

    /** @param partitionCount how many partitions a topic has */
    public TaskPlanner(RulePlanner rules, SchemaRegistryClient registry, ToIntFunction<String> partitionCount) {
        this.rules = rules;
        this.registry = registry;
        this.partitionCount = partitionCount;
    }

    public PlanOutcome plan(TaskCommand command) {
        return plans.computeIfAbsent(command.getRunId() + "#" + command.getAttempt(), key -> build(command));
    }

    private PlanOutcome build(TaskCommand command) {
        if (command.getOutputTopic() == null || command.getDeadLetterTopic() == null) {
            return new PlanOutcome.Invalid("the transform command names no output or dead-letter topic");
        }
        try {
            TaskSpec task = TaskSpec.fromCanonicalJson(command.getConfig());
            if (!(task.work() instanceof TaskWork.Transform transform)) {
                return new PlanOutcome.Invalid("task " + task.id() + " is not a transform task");
            }
            rules.rules(transform.rules());
            String subject = command.getOutputTopic() + "-value";
            if (transform.schema().isPresent()) {
                registry.register(subject, transform.schema().get().avroSchema());
            }
            InputChains chains = new InputChains(command.getPipeline(), task.id(), transform, rules,
                    inferred -> register(subject, inferred));
            return new PlanOutcome.Ready(new TaskPlan(command, chains, partitionCount.applyAsInt(command.getOutputTopic())));
        } catch (CanonicalJsonException | InvalidRuleException e) {
            return new PlanOutcome.Invalid(e.getMessage());
        } catch (RegistryClientException e) {
            if (e.httpStatus() == RegistryClientException.INCOMPATIBLE) {
                return new PlanOutcome.Invalid("the target schema is incompatible with " + command.getOutputTopic()
                        + "-value: " + e.getMessage());
            }
            throw e;
        }
    }

    /** Registers a schema inferred for a task without one; the registry's refusal fails the task. */
    private Optional<String> register(String subject, Schema inferred) {
        try {
            registry.register(subject, inferred);
            return Optional.empty();
        } catch (RegistryClientException e) {
            if (e.httpStatus() == RegistryClientException.INCOMPATIBLE) {
                return Optional.of("the inferred schema " + inferred + " is incompatible with " + subject + ": " + e.getMessage());
            }
            throw e;
        }
    }

    /** Fails the run's attempt from now on, e.g. when its records do not fit the rules. */
    void fail(TaskCommand command, String message) {
        plans.put(command.getRunId() + "#" + command.getAttempt(), new PlanOutcome.Invalid(message));
    }
}
