package io.conveyor.transformer.plan;

import io.conveyor.pipeline.spec.rule.DuplicateKeep;
import io.conveyor.pipeline.spec.rule.FieldSelection;
import io.conveyor.pipeline.spec.rule.LetterCase;
import io.conveyor.pipeline.spec.rule.RangeBounds;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import io.conveyor.transformer.cleanse.DefaultValueRule;
import io.conveyor.transformer.cleanse.EmailNormaliser;
import io.conveyor.transformer.cleanse.NullTokens;
import io.conveyor.transformer.cleanse.PhoneNormaliser;
import io.conveyor.transformer.cleanse.TextCleanup;
import io.conveyor.transformer.coerce.Coercions;
import io.conveyor.transformer.dedupe.DedupeMode;
import io.conveyor.transformer.dedupe.DedupeRule;
import io.conveyor.transformer.dedupe.SeenKeys;
import io.conveyor.transformer.derive.DeriveRule;
import io.conveyor.transformer.filter.FilterRule;
import io.conveyor.transformer.plugin.PluginLoadException;
import io.conveyor.transformer.plugin.PluginLoader;
import io.conveyor.transformer.rules.FieldRule;
import io.conveyor.transformer.rules.Fields;
import io.conveyor.transformer.rules.Rule;
import io.conveyor.transformer.rules.RuleChain;
import io.conveyor.transformer.schema.SchemaEnforcer;
import io.conveyor.transformer.structure.DropRule;
import io.conveyor.transformer.structure.RenameRule;
import io.conveyor.transformer.validate.AllowedValues;
import io.conveyor.transformer.validate.LengthCheck;
import io.conveyor.transformer.validate.PatternCheck;
import io.conveyor.transformer.validate.RangeCheck;
import io.conveyor.transformer.validate.RequiredRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;

/**
 * Turns the rule specs of a transform task into the engine's rules, in the same order, so the
 * labels of rejections ("coerce#3") point at the rule as the user wrote it.
 */
public final class RulePlanner {

    private final PluginLoader plugins;
    private final SeenKeys seenKeys;

    /** @param seenKeys where dedupe rules remember keys; shared by all runs (keys carry the run id) */
    public RulePlanner(PluginLoader plugins, SeenKeys seenKeys) {
        this.plugins = plugins;
        this.seenKeys = seenKeys;
    }

    public RuleChain chain(List<RuleSpec> specs, Schema target) throws InvalidRuleException {
        return chain(specs, target, UnaryOperator.identity());
    }

    /** @param expressionFieldNames the record's name of each field that derive and filter expressions name */
    public RuleChain chain(List<RuleSpec> specs, Schema target, UnaryOperator<String> expressionFieldNames)
            throws InvalidRuleException {
        return new RuleChain(rules(specs, expressionFieldNames), new SchemaEnforcer(target));
    }

    public List<Rule> rules(List<RuleSpec> specs) throws InvalidRuleException {
        return rules(specs, UnaryOperator.identity());
    }

    private List<Rule> rules(List<RuleSpec> specs, UnaryOperator<String> expressionFieldNames) throws InvalidRuleException {
        List<Rule> rules = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            RuleSpec spec = specs.get(i);
            try {
                rules.add(rule(spec, expressionFieldNames));
            } catch (IllegalArgumentException e) {
                throw new InvalidRuleException(i + 1, spec.ruleName(), e.getMessage(), e);
            } catch (PluginLoadException e) {
                throw new InvalidRuleException(i + 1, spec.ruleName(), e.getMessage(), e);
            }
        }
        return rules;
    }

    private Rule rule(RuleSpec spec, UnaryOperator<String> expressionFieldNames) throws PluginLoadException {
        if (spec instanceof RuleSpec.Rename rename) {
            return new RenameRule(rename.from(), rename.to());
        }
        if (spec instanceof RuleSpec.Drop drop) {
            return new DropRule(drop.fields());
        }
        if (spec instanceof RuleSpec.Derive derive) {
            return new DeriveRule(derive.field(), derive.expression(), expressionFieldNames);
        }
        if (spec instanceof RuleSpec.Default fallback) {
            return new DefaultValueRule(Map.of(fallback.field(), fallback.value()));
        }
        if (spec instanceof RuleSpec.Required required) {
            return new RequiredRule(required.fields());
        }
        if (spec instanceof RuleSpec.Dedupe dedupe) {
            return new DedupeRule(dedupe.key(), dedupeMode(dedupe.keep()), seenKeys);
        }
        if (spec instanceof RuleSpec.Custom custom) {
            return plugins.load(custom.className(), custom.config());
        }
        if (spec instanceof RuleSpec.Filter filter) {
            return new FilterRule(filter.drop(), expressionFieldNames);
        }
        return fieldRule(spec);
    }

    private static Rule fieldRule(RuleSpec spec) {
        if (spec instanceof RuleSpec.Coerce coerce) {
            Coercions.Options options = new Coercions.Options(coerce.format().orElse(null), coerce.zone().orElse(null),
                    null, null, coerce.locale().orElse(null));
            return FieldRule.of(Coercions.forType(coerce.type().text(), options), coerce.field());
        }
        if (spec instanceof RuleSpec.Trim trim) {
            return new FieldRule(fields(trim.fields()), TextCleanup.TRIM);
        }
        if (spec instanceof RuleSpec.Case letterCase) {
            TextCleanup function = letterCase.to() == LetterCase.UPPER ? TextCleanup.UPPER_CASE : TextCleanup.LOWER_CASE;
            return new FieldRule(fields(letterCase.fields()), function);
        }
        if (spec instanceof RuleSpec.CollapseSpaces collapse) {
            return new FieldRule(fields(collapse.fields()), TextCleanup.COLLAPSE_WHITESPACE);
        }
        if (spec instanceof RuleSpec.NullTokens tokens) {
            return new FieldRule(fields(tokens.fields()), new NullTokens(tokens.tokens()));
        }
        return checkRule(spec);
    }

    private static Rule checkRule(RuleSpec spec) {
        if (spec instanceof RuleSpec.Email email) {
            return FieldRule.of(new EmailNormaliser(), email.field());
        }
        if (spec instanceof RuleSpec.Phone phone) {
            return FieldRule.of(new PhoneNormaliser(phone.region(), phone.format()),
                    phone.field());
        }
        if (spec instanceof RuleSpec.Regex regex) {
            return FieldRule.of(new PatternCheck(regex.pattern()), regex.field());
        }
        if (spec instanceof RuleSpec.Range range) {
            return FieldRule.of(rangeCheck(range.bounds()), range.field());
        }
        if (spec instanceof RuleSpec.Allowed allowed) {
            return FieldRule.of(new AllowedValues(allowed.values(), allowed.ignoreCase()), allowed.field());
        }
        if (spec instanceof RuleSpec.Length length) {
            return FieldRule.of(new LengthCheck(length.min().orElse(null), length.max().orElse(null)), length.field());
        }
        throw new IllegalArgumentException("no engine rule for " + spec.getClass().getSimpleName());
    }

    private static RangeCheck<?> rangeCheck(RangeBounds bounds) {
        if (bounds instanceof RangeBounds.Dates dates) {
            return RangeCheck.dates(dates.min().orElse(null), dates.max().orElse(null));
        }
        if (bounds instanceof RangeBounds.Timestamps timestamps) {
            return RangeCheck.timestamps(timestamps.min().orElse(null), timestamps.max().orElse(null));
        }
        RangeBounds.Numbers numbers = (RangeBounds.Numbers) bounds;
        return RangeCheck.numbers(numbers.min().orElse(null), numbers.max().orElse(null));
    }

    private static Fields fields(FieldSelection selection) {
        return selection instanceof FieldSelection.Named named ? Fields.of(named.names()) : Fields.all();
    }

    private static DedupeMode dedupeMode(DuplicateKeep keep) {
        return switch (keep) {
            case FIRST -> DedupeMode.KEEP_FIRST;
            case LAST -> DedupeMode.KEEP_LAST;
            case REJECT -> DedupeMode.REJECT;
        };
    }
}
