package io.conveyor.transformer.rules;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.row.RowReader;
import io.conveyor.transformer.schema.SchemaEnforcer;
import io.conveyor.transformer.schema.SchemaViolation;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Runs an ordered list of rules over each record and enforces the target schema on what is left.
 * The first rule that does not keep the record ends the chain. Immutable and thread-safe.
 */
public final class RuleChain {

    /** The rule label of rejections raised by schema enforcement. */
    public static final String SCHEMA_RULE = "schema";

    private final Rule[] rules;
    private final String[] labels;
    private final SchemaEnforcer enforcer;

    public RuleChain(List<? extends Rule> rules, SchemaEnforcer enforcer) {
        this.rules = rules.toArray(Rule[]::new);
        this.labels = new String[this.rules.length];
        for (int i = 0; i < this.rules.length; i++) {
            labels[i] = this.rules[i].name() + "#" + (i + 1);
        }
        this.enforcer = enforcer;
    }

    public Outcome apply(GenericRecord input, TransformContext context) {
        return apply(RowReader.read(input), context);
    }

    /** Runs the chain over {@code row}, which the rules change in place. */
    public Outcome apply(Row row, TransformContext context) {
        for (int i = 0; i < rules.length; i++) {
            Verdict verdict = applyRule(i, row, context);
            if (verdict != Verdict.KEEP) {
                return stop(labels[i], verdict);
            }
        }
        try {
            return new Outcome.Accepted(enforcer.enforce(row));
        } catch (SchemaViolation e) {
            return new Outcome.Rejected(Rejection.of(SCHEMA_RULE, e.field(), e.getMessage(), null));
        }
    }

    /** The label ("kind#position") rejections of the rule at {@code index} carry. */
    public String label(int index) {
        return labels[index];
    }

    /**
     * A rule that throws (typically a custom transform with a bug or unexpected input) rejects the
     * record with the exception's class and message instead of failing the whole batch; the
     * task's reject-rate threshold still stops a pipeline whose rule fails everywhere.
     */
    private Verdict applyRule(int index, Row row, TransformContext context) {
        try {
            Verdict verdict = rules[index].apply(row, context);
            return verdict == null ? new Verdict.Reject(null, "rule returned no verdict", null) : verdict;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Verdict.Reject(null, "rule failed: " + message, e.getClass().getName());
        }
    }

    private static Outcome stop(String label, Verdict verdict) {
        if (verdict instanceof Verdict.Reject reject) {
            return new Outcome.Rejected(Rejection.of(label, reject.field(), reject.message(), reject.exceptionClass()));
        }
        if (verdict instanceof Verdict.Duplicate duplicate) {
            return new Outcome.Duplicate(label, duplicate.key());
        }
        if (verdict instanceof Verdict.Drop drop) {
            return new Outcome.Dropped(label, drop.reason());
        }
        throw new IllegalStateException("unknown verdict " + verdict);
    }
}
