package io.conveyor.transformer.stream;

import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.fields.FieldFlow;
import io.conveyor.pipeline.spec.fields.RecordFields;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import io.conveyor.transformer.expression.ExpressionParser;
import io.conveyor.transformer.expression.ExpressionSyntaxException;
import io.conveyor.transformer.plan.InvalidRuleException;
import io.conveyor.transformer.plan.RulePlanner;
import io.conveyor.transformer.rules.RuleChain;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The rule chain of one run for each schema its input records arrive with. The rules may name
 * fields as the source spells them, and only the records' schema says which Avro field that is
 * (and whether it exists at all where the pipeline's loader could not know): so each new input
 * schema is checked with {@link FieldFlow}, which refuses an unknown field with the message the
 * loader gives, and the chain is built with the names resolved. A task without a declared schema
 * writes the schema inferred from its input and rules, registered before its first record.
 */
final class InputChains {

    /** The chain for one input schema, or why the task cannot run on such records. */
    sealed interface Resolution {

        record Ready(RuleChain chain) implements Resolution {
        }

        record Invalid(String message) implements Resolution {
        }
    }

    private final String pipeline;
    private final String taskId;
    private final TaskWork.Transform work;
    private final RulePlanner planner;
    private final Function<Schema, Optional<String>> register;
    private final Map<Schema, Resolution> bySchema = new ConcurrentHashMap<>();

    /**
     * @param register registers an inferred output schema; gives why the registry refused it, if it did
     */
    InputChains(String pipeline, String taskId, TaskWork.Transform work, RulePlanner planner,
                Function<Schema, Optional<String>> register) {
        this.pipeline = pipeline;
        this.taskId = taskId;
        this.work = work;
        this.planner = planner;
        this.register = register;
    }

    Resolution forInput(Schema input) {
        return bySchema.computeIfAbsent(input, this::resolve);
    }

    /** The fields an expression reads; one that does not parse reads none here, and is refused when planned. */
    private static List<String> expressionFields(String expression) {
        try {
            return ExpressionParser.fieldsOf(expression);
        } catch (ExpressionSyntaxException e) {
            return List.of();
        }
    }

    private Resolution resolve(Schema input) {
        List<RuleSpec> rules = work.rules();
        FieldFlow.Trace trace = FieldFlow.trace(RecordFields.of(input), rules, InputChains::expressionFields);
        if (!trace.problems().isEmpty()) {
            return new Resolution.Invalid("the input records (" + input.getFullName() + ") do not fit the rules: "
                    + trace.problems().stream()
                            .map(problem -> rules.get(problem.rule()).ruleName() + "#" + (problem.rule() + 1) + ": " + problem.message())
                            .collect(Collectors.joining("; ")));
        }
        Schema target;
        if (work.schema().isPresent()) {
            target = work.schema().get().avroSchema();
            List<String> missing = trace.output().map(output -> RecordFields.missingRequired(target, output)).orElse(List.of());
            if (!missing.isEmpty()) {
                return new Resolution.Invalid(String.join("; ", missing));
            }
        } else if (trace.output().isEmpty()) {
            return new Resolution.Invalid("transform task " + taskId + " has a custom rule and no schema: the fields a custom "
                    + "rule makes cannot be inferred, so the task needs a schema");
        } else {
            target = RecordFields.infer(pipeline, taskId, trace.output().get());
            Optional<String> refused = register.apply(target);
            if (refused.isPresent()) {
                return new Resolution.Invalid(refused.get());
            }
        }
        try {
            Map<String, String> names = trace.expressionNames();
            return new Resolution.Ready(planner.chain(trace.resolved(), target, name -> names.getOrDefault(name, name)));
        } catch (InvalidRuleException e) {
            return new Resolution.Invalid(e.getMessage());
        }
    }
}
