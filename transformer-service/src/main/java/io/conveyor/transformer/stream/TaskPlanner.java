package io.conveyor.transformer.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.canonical.CanonicalJsonException;
import io.conveyor.serde.registry.RegistryClientException;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.transformer.plan.InvalidRuleException;
import io.conveyor.transformer.plan.RulePlanner;
import io.conveyor.transformer.rules.RuleChain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.apache.avro.Schema;

/**
 * Builds each run's plan once (per attempt) from its command. The target schema is registered under
 * {@code <outputTopic>-value} before any record is written, so a schema the registry's
 * compatibility rules refuse fails the task up front instead of record by record.
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
            if (transform.schema().isEmpty()) {
                return new PlanOutcome.Invalid("transform task " + task.id() + " declares no target schema");
            }
            Schema target = transform.schema().get().avroSchema();
            RuleChain chain = rules.chain(transform.rules(), target);
            registry.register(command.getOutputTopic() + "-value", target);
            return new PlanOutcome.Ready(new TaskPlan(command, chain, partitionCount.applyAsInt(command.getOutputTopic())));
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
}
