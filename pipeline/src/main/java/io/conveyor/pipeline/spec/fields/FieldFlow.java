package io.conveyor.pipeline.spec.fields;

import io.conveyor.pipeline.spec.rule.CoercionType;
import io.conveyor.pipeline.spec.rule.FieldSelection;
import io.conveyor.pipeline.spec.rule.RangeBounds;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Follows the fields of a record through the rules of a transform task: which fields exist before
 * each rule (the input's, then as rename, drop, derive and default change them), whether every
 * field a rule names is one of them, under its Avro name or the source's spelling, and what the
 * rules leave, with the types coercions give. The loader runs it where the input's fields are
 * known when the pipeline is deployed; the transformer runs it on the schema of the records it
 * receives, so both refuse the same mistakes with the same message.
 */
public final class FieldFlow {

    /**
     * A field a rule names that does not exist, or has the wrong type, at that point.
     *
     * @param rule    0-based position of the rule
     * @param field   the name as the rule writes it
     * @param message says what is wrong, with the nearest existing name
     */
    public record Problem(int rule, String field, String message) {
    }

    /**
     * @param resolved        the rules with every field name as the records carry it (the Avro name)
     * @param expressionNames the fields that derive and filter expressions read, as written, to the
     *                        names the records carry
     * @param output          the fields after the last rule; empty after a custom rule, whose effect on
     *                        the fields cannot be known
     */
    public record Trace(List<RuleSpec> resolved, Map<String, String> expressionNames, Optional<List<FlowField>> output,
                        List<Problem> problems) {
    }

    private final LinkedHashMap<String, FlowField> fields = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Function<String, List<String>> expressionFields;
    private final Map<String, String> expressionNames = new HashMap<>();
    private boolean known = true;
    private int rule;

    private FieldFlow(List<FlowField> input, Function<String, List<String>> expressionFields) {
        input.forEach(field -> fields.put(field.name(), field));
        this.expressionFields = expressionFields;
    }

    /** Without a reader of expressions: the fields that derive and filter expressions read are not checked. */
    public static Trace trace(List<FlowField> input, List<RuleSpec> rules) {
        return trace(input, rules, expression -> List.of());
    }

    /** @param expressionFields the fields an expression of derive or filter reads (the transformer's parser knows) */
    public static Trace trace(List<FlowField> input, List<RuleSpec> rules, Function<String, List<String>> expressionFields) {
        FieldFlow flow = new FieldFlow(input, expressionFields);
        List<RuleSpec> resolved = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            flow.rule = i;
            resolved.add(flow.apply(rules.get(i)));
        }
        return new Trace(List.copyOf(resolved), Map.copyOf(flow.expressionNames),
                flow.known ? Optional.of(List.copyOf(flow.fields.values())) : Optional.empty(), List.copyOf(flow.problems));
    }

    private RuleSpec apply(RuleSpec spec) {
        if (!known) {
            return spec;
        }
        if (spec instanceof RuleSpec.Rename rename) {
            String from = resolve(rename.from());
            Optional.ofNullable(fields.remove(from)).ifPresent(field -> fields.put(rename.to(), field.renamed(rename.to())));
            return new RuleSpec.Rename(from, rename.to());
        }
        if (spec instanceof RuleSpec.Drop drop) {
            List<String> names = resolveAll(drop.fields());
            names.forEach(fields::remove);
            return new RuleSpec.Drop(names);
        }
        if (spec instanceof RuleSpec.Derive derive) {
            readExpression(derive.expression());
            String field = fields.containsKey(derive.field()) ? derive.field() : lookUp(derive.field()).orElse(derive.field());
            fields.put(field, new FlowField(field, Optional.ofNullable(fields.get(field)).flatMap(FlowField::sourceName),
                    Schema.create(Schema.Type.STRING), false));
            return new RuleSpec.Derive(field, derive.expression());
        }
        if (spec instanceof RuleSpec.Default fallback) {
            String field = lookUp(fallback.field()).orElse(fallback.field());
            fields.putIfAbsent(field, new FlowField(field, Optional.empty(), Schema.create(Schema.Type.STRING), false));
            return new RuleSpec.Default(field, fallback.value());
        }
        if (spec instanceof RuleSpec.Coerce coerce) {
            String field = resolve(coerce.field());
            Optional.ofNullable(fields.get(field)).ifPresent(found -> fields.put(field, found.typed(avroType(coerce.type()))));
            return new RuleSpec.Coerce(field, coerce.type(), coerce.format(), coerce.zone(), coerce.locale());
        }
        if (spec instanceof RuleSpec.Required required) {
            List<String> names = resolveAll(required.fields());
            names.forEach(name -> Optional.ofNullable(fields.get(name)).ifPresent(found -> fields.put(name, found.asRequired())));
            return new RuleSpec.Required(names);
        }
        if (spec instanceof RuleSpec.Custom) {
            known = false;
            return spec;
        }
        return resolveChecks(spec);
    }

    private RuleSpec resolveChecks(RuleSpec spec) {
        if (spec instanceof RuleSpec.Trim trim) {
            return new RuleSpec.Trim(resolve(trim.fields()));
        }
        if (spec instanceof RuleSpec.Case letterCase) {
            return new RuleSpec.Case(resolve(letterCase.fields()), letterCase.to());
        }
        if (spec instanceof RuleSpec.CollapseSpaces collapse) {
            return new RuleSpec.CollapseSpaces(resolve(collapse.fields()));
        }
        if (spec instanceof RuleSpec.NullTokens tokens) {
            return new RuleSpec.NullTokens(resolve(tokens.fields()), tokens.tokens());
        }
        if (spec instanceof RuleSpec.Email email) {
            return new RuleSpec.Email(resolve(email.field()));
        }
        if (spec instanceof RuleSpec.Phone phone) {
            return new RuleSpec.Phone(resolve(phone.field()), phone.region(), phone.format());
        }
        if (spec instanceof RuleSpec.Regex regex) {
            return new RuleSpec.Regex(resolve(regex.field()), regex.pattern());
        }
        if (spec instanceof RuleSpec.Range range) {
            String field = resolve(range.field());
            checkRangeType(range, field);
            return new RuleSpec.Range(field, range.bounds());
        }
        if (spec instanceof RuleSpec.Allowed allowed) {
            return new RuleSpec.Allowed(resolve(allowed.field()), allowed.values(), allowed.ignoreCase());
        }
        if (spec instanceof RuleSpec.Length length) {
            return new RuleSpec.Length(resolve(length.field()), length.min(), length.max());
        }
        if (spec instanceof RuleSpec.Dedupe dedupe) {
            return new RuleSpec.Dedupe(resolveAll(dedupe.key()), dedupe.keep());
        }
        if (spec instanceof RuleSpec.Filter filter) {
            readExpression(filter.drop());
            return spec;
        }
        throw new IllegalArgumentException("no field flow for " + spec.getClass().getSimpleName());
    }

    private void readExpression(String expression) {
        for (String name : expressionFields.apply(expression)) {
            expressionNames.putIfAbsent(name, resolve(name));
        }
    }

    /** A range compares values of its bounds' type; any other type would reject every record. */
    private void checkRangeType(RuleSpec.Range range, String field) {
        FlowField found = fields.get(field);
        if (found == null) {
            return;
        }
        Schema type = found.type();
        String logical = type.getLogicalType() == null ? "" : type.getLogicalType().getName();
        RangeBounds bounds = range.bounds();
        boolean fits;
        String needed;
        if (bounds instanceof RangeBounds.Dates) {
            fits = logical.equals("date");
            needed = "dates: coerce it to date first";
        } else if (bounds instanceof RangeBounds.Timestamps) {
            fits = logical.startsWith("timestamp-");
            needed = "timestamps: coerce it to timestamp first";
        } else {
            fits = logical.equals("decimal") || (logical.isEmpty() && Set.of(Schema.Type.INT, Schema.Type.LONG,
                    Schema.Type.FLOAT, Schema.Type.DOUBLE).contains(type.getType()));
            needed = "numbers: coerce it to int, long, double or decimal first";
        }
        if (!fits && type.getType() != Schema.Type.UNION) {
            problems.add(new Problem(rule, range.field(), "field '%s' holds %s here, the range compares %s"
                    .formatted(range.field(), typeName(type), needed)));
        }
    }

    private static String typeName(Schema type) {
        return type.getLogicalType() != null ? type.getLogicalType().getName() : type.getType().getName();
    }

    private FieldSelection resolve(FieldSelection selection) {
        return selection instanceof FieldSelection.Named named ? new FieldSelection.Named(resolveAll(named.names())) : selection;
    }

    private List<String> resolveAll(List<String> names) {
        return names.stream().map(this::resolve).toList();
    }

    /** The field's name in the records; the name as written (and a problem) when no field has it. */
    private String resolve(String name) {
        Optional<String> found = lookUp(name);
        if (found.isEmpty()) {
            problems.add(new Problem(rule, name, "unknown field '%s'%s".formatted(name, suggestion(name))));
        }
        return found.orElse(name);
    }

    /** An Avro name first, then the source's spelling. */
    private Optional<String> lookUp(String name) {
        if (fields.containsKey(name)) {
            return Optional.of(name);
        }
        return fields.values().stream().filter(field -> field.sourceName().filter(name::equals).isPresent())
                .map(FlowField::name).findFirst();
    }

    private String suggestion(String name) {
        return nearest(name, fields.values().stream()
                .flatMap(field -> Stream.concat(Stream.of(field.name()), field.sourceName().stream())).toList())
                .map(candidate -> " (did you mean '" + candidate + "'?)")
                .orElse(" (the record has no fields here)");
    }

    /** The candidate nearest to {@code name} by edit distance, ignoring letter case; ties go to the first. */
    public static Optional<String> nearest(String name, List<String> candidates) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return candidates.stream().min(Comparator.comparingInt(candidate -> distance(wanted, candidate.toLowerCase(Locale.ROOT))));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The Avro type a coercion gives its field. */
    public static Schema avroType(CoercionType type) {
        if (type instanceof CoercionType.Decimal decimal) {
            return LogicalTypes.decimal(decimal.precision(), decimal.scale()).addToSchema(Schema.create(Schema.Type.BYTES));
        }
        return switch ((CoercionType.Basic) type) {
            case STRING -> Schema.create(Schema.Type.STRING);
            case INT -> Schema.create(Schema.Type.INT);
            case LONG -> Schema.create(Schema.Type.LONG);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case TIMESTAMP -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        };
    }
}
