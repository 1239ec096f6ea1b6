package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.spec.rule.CoercionType;
import io.conveyor.pipeline.spec.rule.DuplicateKeep;
import io.conveyor.pipeline.spec.rule.FieldSelection;
import io.conveyor.pipeline.spec.rule.LetterCase;
import io.conveyor.pipeline.spec.fields.AvroFieldNames;
import io.conveyor.pipeline.spec.rule.PhoneFormat;
import io.conveyor.pipeline.spec.rule.RangeBounds;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the {@code rules} of transform tasks: a list whose entries are single-key maps naming the
 * rule, e.g. {@code - rename: {from: a, to: b}}.
 */
final class RuleReader {

    private static final Map<String, Function<YamlValue, Optional<? extends RuleSpec>>> RULES = new LinkedHashMap<>();
    private static final Map<String, CoercionType> BASIC_TYPES = Arrays.stream(CoercionType.Basic.values())
            .collect(Collectors.toMap(CoercionType.Basic::text, type -> type, (a, b) -> a, LinkedHashMap::new));
    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d{1,4})\\s*(?:,\\s*(\\d{1,4})\\s*)?\\)");
    private static final Pattern JAVA_CLASS = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    static {
        RULES.put("rename", body -> body.readMap(RuleReader::rename));
        RULES.put("drop", body -> SpecValues.fields(body).map(RuleSpec.Drop::new));
        RULES.put("derive", body -> body.readMap(RuleReader::derive));
        RULES.put("coerce", body -> body.readMap(RuleReader::coerce));
        RULES.put("trim", body -> selection(body).map(RuleSpec.Trim::new));
        RULES.put("case", body -> body.readMap(RuleReader::letterCase));
        RULES.put("collapseSpaces", body -> selection(body).map(RuleSpec.CollapseSpaces::new));
        RULES.put("nullTokens", body -> body.readMap(RuleReader::nullTokens));
        RULES.put("default", body -> body.readMap(RuleReader::defaultValue));
        RULES.put("email", body -> body.readMap(RuleReader::email));
        RULES.put("phone", body -> body.readMap(RuleReader::phone));
        RULES.put("required", body -> SpecValues.fields(body).map(RuleSpec.Required::new));
        RULES.put("regex", body -> body.readMap(RuleReader::regex));
        RULES.put("range", body -> body.readMap(RuleReader::range));
        RULES.put("allowed", body -> body.readMap(RuleReader::allowed));
        RULES.put("length", body -> body.readMap(RuleReader::length));
        RULES.put("dedupe", body -> body.readMap(RuleReader::dedupe));
        RULES.put("filter", body -> body.readMap(RuleReader::filter));
        RULES.put("custom", body -> body.readMap(RuleReader::custom));
    }

    private RuleReader() {
    }

    /** The rule names the format accepts, in documentation order. */
    static Set<String> names() {
        return RULES.keySet();
    }

    static Optional<List<RuleSpec>> read(YamlValue value) {
        return value.listOf(RuleReader::rule);
    }

    private static Optional<RuleSpec> rule(YamlValue entry) {
        return entry.map().flatMap(map -> {
            Set<String> names = map.keys();
            if (names.size() != 1) {
                entry.report("expected a map with exactly one key, the rule's name; found "
                        + (names.isEmpty() ? "none" : String.join(", ", names)));
                return Optional.empty();
            }
            String name = names.iterator().next();
            Function<YamlValue, Optional<? extends RuleSpec>> reader = RULES.get(name);
            if (reader == null) {
                map.refuse(name, "unknown rule (expected one of " + String.join(", ", RULES.keySet()) + ")");
                return Optional.empty();
            }
            return map.get(name).flatMap(reader).map(RuleSpec.class::cast);
        });
    }

    private static Supplier<RuleSpec.Rename> rename(YamlMap map) {
        Optional<String> from = field(map, "from");
        Optional<String> to = newField(map, "to");
        return () -> new RuleSpec.Rename(from.orElseThrow(), to.orElseThrow());
    }

    private static Supplier<RuleSpec.Derive> derive(YamlMap map) {
        Optional<String> field = newField(map, "field");
        Optional<String> expression = map.require("expression").flatMap(YamlValue::nonBlankText);
        return () -> new RuleSpec.Derive(field.orElseThrow(), expression.orElseThrow());
    }

    private static Supplier<RuleSpec.Coerce> coerce(YamlMap map) {
        Optional<String> field = field(map, "field");
        Optional<CoercionType> type = map.require("type").flatMap(RuleReader::coercionType);
        boolean temporal = type.filter(t -> t instanceof CoercionType.Basic basic && basic.temporal()).isPresent();
        boolean timestamp = type.filter(CoercionType.Basic.TIMESTAMP::equals).isPresent();
        Optional<String> format = map.get("format")
                .flatMap(value -> onlyFor(type.isEmpty() || temporal, value, "format applies only to date and timestamp"))
                .flatMap(RuleReader::dateTimePattern);
        Optional<ZoneId> zone = map.get("zone")
                .flatMap(value -> onlyFor(type.isEmpty() || timestamp, value, "zone applies only to timestamp"))
                .flatMap(SpecValues::zone);
        Optional<Locale> locale = map.get("locale")
                .flatMap(value -> onlyFor(type.isEmpty() || temporal, value, "locale applies only to date and timestamp"))
                .flatMap(value -> onlyFor(map.has("format"), value,
                        "locale applies only with a format (ISO-8601 dates have no month or day names)"))
                .flatMap(RuleReader::locale);
        return () -> new RuleSpec.Coerce(field.orElseThrow(), type.orElseThrow(), format, zone, locale);
    }

    /** A language tag whose language Java knows, such as {@code en}, {@code fr} or {@code de-CH}. */
    private static Optional<Locale> locale(YamlValue value) {
        return value.nonBlankText().flatMap(text -> {
            try {
                Locale locale = new Locale.Builder().setLanguageTag(text.strip().replace('_', '-')).build();
                if (!LANGUAGES.contains(locale.getLanguage())) {
                    value.report("unknown locale '%s' (expected a language tag such as en, fr or de-CH)".formatted(text));
                    return Optional.empty();
                }
                return Optional.of(locale);
            } catch (IllformedLocaleException e) {
                value.report("invalid locale '%s': %s (expected a language tag such as en, fr or de-CH)"
                        .formatted(text, e.getMessage()));
                return Optional.empty();
            }
        });
    }

    private static Optional<YamlValue> onlyFor(boolean applies, YamlValue value, String refusal) {
        if (!applies) {
            value.report(refusal);
        }
        return applies ? Optional.of(value) : Optional.empty();
    }

    private static Supplier<RuleSpec.Case> letterCase(YamlMap map) {
        Optional<FieldSelection> fields = map.require("fields").flatMap(RuleReader::selection);
        Optional<LetterCase> to = map.require("to").flatMap(value -> value.choice(LetterCase.class));
        return () -> new RuleSpec.Case(fields.orElseThrow(), to.orElseThrow());
    }

    private static Supplier<RuleSpec.NullTokens> nullTokens(YamlMap map) {
        Optional<FieldSelection> fields = map.get("fields").map(RuleReader::selection)
                .orElseGet(() -> Optional.of(new FieldSelection.All()));
        Optional<List<String>> tokens = map.get("tokens").map(RuleReader::tokens)
                .orElseGet(() -> Optional.of(RuleSpec.NullTokens.DEFAULT_TOKENS));
        return () -> new RuleSpec.NullTokens(fields.orElseThrow(), tokens.orElseThrow());
    }

    private static Optional<List<String>> tokens(YamlValue value) {
        return value.listOf(YamlValue::text).filter(tokens -> {
            if (tokens.isEmpty()) {
                value.report("must list at least one token");
            }
            return !tokens.isEmpty();
        });
    }

    private static Supplier<RuleSpec.Default> defaultValue(YamlMap map) {
        Optional<String> field = field(map, "field");
        Optional<String> value = map.require("value").flatMap(YamlValue::text);
        return () -> new RuleSpec.Default(field.orElseThrow(), value.orElseThrow());
    }

    private static Supplier<RuleSpec.Email> email(YamlMap map) {
        Optional<String> field = field(map, "field");
        return () -> new RuleSpec.Email(field.orElseThrow());
    }

    private static Supplier<RuleSpec.Phone> phone(YamlMap map) {
        Optional<String> field = field(map, "field");
        Optional<String> region = map.get("region").map(RuleReader::country)
                .orElseGet(() -> Optional.of(RuleSpec.Phone.DEFAULT_REGION));
        PhoneFormat format = map.get("format").flatMap(value -> value.choice(PhoneFormat.class)).orElse(PhoneFormat.E164);
        return () -> new RuleSpec.Phone(field.orElseThrow(), region.orElseThrow(), format);
    }

    private static Supplier<RuleSpec.Regex> regex(YamlMap map) {
        Optional<String> field = field(map, "field");
        Optional<String> pattern = map.require("pattern").flatMap(RuleReader::regularExpression);
        return () -> new RuleSpec.Regex(field.orElseThrow(), pattern.orElseThrow());
    }

    private static Supplier<RuleSpec.Range> range(YamlMap map) {
        Optional<String> field = field(map, "field");
        Optional<YamlValue> minValue = map.get("min");
        Optional<YamlValue> maxValue = map.get("max");
        Optional<Bound> min = minValue.flatMap(RuleReader::bound);
        Optional<Bound> max = maxValue.flatMap(RuleReader::bound);
        requireABound(map);
        Optional<RangeBounds> bounds = Optional.empty();
        if (min.isPresent() && max.isPresent() && min.get().kind() != max.get().kind()) {
            maxValue.orElseThrow().report("max is %s but min is %s: give both bounds of the same kind"
                    .formatted(max.get().kind().text, min.get().kind().text));
        } else if (min.isPresent() || max.isPresent()) {
            bounds = Optional.of(bounds(min.or(() -> max).orElseThrow().kind(), min, max));
            if (min.isPresent() && max.isPresent() && compare(min.get(), max.get()) > 0) {
                maxValue.orElseThrow().report("max %s is below min %s".formatted(
                        bounds.get().maxText().orElseThrow(), bounds.get().minText().orElseThrow()));
            }
        }
        Optional<RangeBounds> read = bounds;
        return () -> new RuleSpec.Range(field.orElseThrow(), read.orElseThrow());
    }

    private enum BoundKind {
        NUMBER("a number"), DATE("a date"), TIMESTAMP("a timestamp");

        final String text;

        BoundKind(String text) {
            this.text = text;
        }
    }

    /** One bound of a range as read: a number, an ISO date or an ISO instant. */
    private record Bound(BoundKind kind, Comparable<?> value) {
    }

    private static Optional<Bound> bound(YamlValue value) {
        if (value.node().getTag().equals(Tag.INT) || value.node().getTag().equals(Tag.FLOAT)) {
            return value.number().map(number -> new Bound(BoundKind.NUMBER, number));
        }
        Optional<String> text = value.node() instanceof ScalarNode && !value.isNull()
                ? value.text().map(String::strip) : Optional.empty();
        if (text.isPresent()) {
            try {
                return Optional.of(new Bound(BoundKind.DATE, LocalDate.parse(text.get())));
            } catch (DateTimeParseException notADate) {
                // perhaps an instant
            }
            try {
                return Optional.of(new Bound(BoundKind.TIMESTAMP, OffsetDateTime.parse(text.get()).toInstant()));
            } catch (DateTimeParseException notAnInstant) {
                // reported below
            }
        }
        value.report("expected a number, an ISO date (2024-05-06) or an ISO timestamp with offset "
                + "(2024-05-06T07:08:09Z), got " + text.map(t -> "'" + t + "'").orElse("no scalar"));
        return Optional.empty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Bound min, Bound max) {
        return ((Comparable) min.value()).compareTo(max.value());
    }

    private static RangeBounds bounds(BoundKind kind, Optional<Bound> min, Optional<Bound> max) {
        return switch (kind) {
            case NUMBER -> new RangeBounds.Numbers(min.map(b -> (BigDecimal) b.value()), max.map(b -> (BigDecimal) b.value()));
            case DATE -> new RangeBounds.Dates(min.map(b -> (LocalDate) b.value()), max.map(b -> (LocalDate) b.value()));
            case TIMESTAMP -> new RangeBounds.Timestamps(min.map(b -> (Instant) b.value()), max.map(b -> (Instant) b.value()));
        };
    }

    private static Supplier<RuleSpec.Allowed> allowed(YamlMap map) {
        Optional<String> field = field(map, "field");
        Optional<YamlValue> valuesValue = map.require("values");
        Optional<List<String>> values = valuesValue.flatMap(value -> value.listOf(YamlValue::text));
        values.filter(List::isEmpty).ifPresent(none -> valuesValue.orElseThrow().report("must list at least one value"));
        boolean ignoreCase = map.get("ignoreCase").flatMap(YamlValue::bool).orElse(false);
        return () -> new RuleSpec.Allowed(field.orElseThrow(), values.orElseThrow(), ignoreCase);
    }

    private static Supplier<RuleSpec.Filter> filter(YamlMap map) {
        Optional<String> drop = map.require("drop").flatMap(YamlValue::nonBlankText);
        return () -> new RuleSpec.Filter(drop.orElseThrow());
    }

    private static Supplier<RuleSpec.Length> length(YamlMap map) {
        Optional<String> field = field(map, "field");
        Optional<Integer> min = map.get("min").flatMap(value -> value.integer(0, Integer.MAX_VALUE));
        Optional<YamlValue> maxValue = map.get("max");
        Optional<Integer> max = maxValue.flatMap(value -> value.integer(0, Integer.MAX_VALUE));
        requireABound(map);
        if (min.isPresent() && max.isPresent() && max.get() < min.get()) {
            maxValue.orElseThrow().report("max %d is below min %d".formatted(max.get(), min.get()));
        }
        return () -> new RuleSpec.Length(field.orElseThrow(), min, max);
    }

    private static void requireABound(YamlMap map) {
        if (!map.has("min") && !map.has("max")) {
            map.reportMissing("min", "missing required key: min, max or both");
        }
    }

    private static Supplier<RuleSpec.Dedupe> dedupe(YamlMap map) {
        Optional<List<String>> key = map.require("key").flatMap(SpecValues::fields);
        DuplicateKeep keep = map.get("keep").flatMap(value -> value.choice(DuplicateKeep.class)).orElse(DuplicateKeep.FIRST);
        return () -> new RuleSpec.Dedupe(key.orElseThrow(), keep);
    }

    private static Supplier<RuleSpec.Custom> custom(YamlMap map) {
        Optional<String> className = map.require("class").flatMap(RuleReader::javaClassName);
        Optional<Map<String, String>> config = map.get("config").map(YamlValue::textMap).orElseGet(() -> Optional.of(Map.of()));
        return () -> new RuleSpec.Custom(className.orElseThrow(), config.orElseThrow());
    }

    private static Optional<String> field(YamlMap map, String key) {
        return map.require(key).flatMap(YamlValue::nonBlankText);
    }

    /**
     * A field the rule creates: it ends up in Avro records, so it must be a legal Avro name (a
     * field the source has may be named as the source spells it, but a new one may not).
     */
    private static Optional<String> newField(YamlMap map, String key) {
        Optional<YamlValue> value = map.require(key);
        return value.flatMap(YamlValue::nonBlankText).filter(name -> {
            boolean legal = AvroFieldNames.isLegal(name);
            if (!legal) {
                value.orElseThrow().report("'%s' is not an Avro field name (letters, digits and _, not starting with a digit); write '%s'"
                        .formatted(name, AvroFieldNames.sanitise(name)));
            }
            return legal;
        });
    }

    /** {@code "*"} for every field, or a list of field names. */
    private static Optional<FieldSelection> selection(YamlValue value) {
        if (value.node() instanceof ScalarNode scalar && scalar.getValue().equals("*")) {
            return Optional.of(new FieldSelection.All());
        }
        if (value.node() instanceof SequenceNode) {
            return SpecValues.fields(value).map(FieldSelection.Named::new);
        }
        value.report("expected \"*\" or a list of fields");
        return Optional.empty();
    }

    private static Optional<CoercionType> coercionType(YamlValue value) {
        return value.text().flatMap(text -> {
            String type = text.strip().toLowerCase(Locale.ROOT);
            Matcher decimal = DECIMAL.matcher(type);
            if (decimal.matches()) {
                return decimalType(value, Integer.parseInt(decimal.group(1)),
                        decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2)));
            }
            Optional<CoercionType> basic = Optional.ofNullable(BASIC_TYPES.get(type));
            if (basic.isEmpty()) {
                value.report("unknown type '%s' (expected one of %s, decimal(p,s))"
                        .formatted(text, String.join(", ", BASIC_TYPES.keySet())));
            }
            return basic;
        });
    }

    private static Optional<CoercionType> decimalType(YamlValue value, int precision, int scale) {
        if (precision < 1 || precision > CoercionType.Decimal.MAX_PRECISION || scale > precision) {
            value.report("decimal(%d,%d) out of range: precision must be 1 to %d and scale 0 to precision"
                    .formatted(precision, scale, CoercionType.Decimal.MAX_PRECISION));
            return Optional.empty();
        }
        return Optional.of(new CoercionType.Decimal(precision, scale));
    }

    private static Optional<String> dateTimePattern(YamlValue value) {
        return value.nonBlankText().filter(text -> {
            try {
                DateTimeFormatter.ofPattern(text);
                return true;
            } catch (IllegalArgumentException e) {
                value.report("invalid date-time pattern '%s': %s".formatted(text, e.getMessage()));
                return false;
            } catch (RuntimeException e) {
                // The JDK's pattern parser fails with other exceptions too: ClassCastException on a pad letter
                // before adjacent number fields ("pnd").
                value.report("invalid date-time pattern '%s': java.time cannot build a formatter from it (%s)"
                        .formatted(text, e.getClass().getSimpleName()));
                return false;
            }
        });
    }

    private static Optional<String> regularExpression(YamlValue value) {
        return value.text().filter(text -> {
            try {
                Pattern.compile(text);
                return true;
            } catch (PatternSyntaxException e) {
                value.reportAt(Math.max(e.getIndex(), 0), "invalid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
                return false;
            }
        });
    }

    private static Optional<String> country(YamlValue value) {
        return value.text().map(text -> text.toUpperCase(Locale.ROOT)).filter(code -> {
            if (!COUNTRIES.contains(code)) {
                value.report("unknown region '%s' (expected an ISO 3166 country code such as US or DE)".formatted(code));
            }
            return COUNTRIES.contains(code);
        });
    }

    private static Optional<String> javaClassName(YamlValue value) {
        return value.text().filter(text -> {
            boolean valid = JAVA_CLASS.matcher(text).matches();
            if (!valid) {
                value.report("invalid Java class name '%s'".formatted(text));
            }
            return valid;
        });
    }
}
