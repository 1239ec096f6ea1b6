package io.conveyor.pipeline.spec.rule;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One step of a transform task, applied to each record in the order given. Rules that validate
 * reject the record (to the dead-letter topic) instead of changing it.
 */
public sealed interface RuleSpec {

    /** The rule's name in YAML and in dead-letter headers, e.g. {@code collapseSpaces}. */
    default String ruleName() {
        String simpleName = getClass().getSimpleName();
        return Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1);
    }

    record Rename(String from, String to) implements RuleSpec {

        public Rename {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    record Drop(List<String> fields) implements RuleSpec {

        public Drop {
            fields = List.copyOf(fields);
        }
    }

    /** Sets {@code field} to the value of an expression over the record's fields. */
    record Derive(String field, String expression) implements RuleSpec {

        public Derive {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(expression, "expression");
        }
    }

    /**
     * @param format java.time pattern for parsing dates and timestamps
     * @param zone   zone of timestamps written without an offset
     * @param locale language of the names in {@code format} (month and day names, AM/PM); the
     *               parser's default is {@link java.util.Locale#ROOT}, which knows English names only
     */
    record Coerce(String field, CoercionType type, Optional<String> format, Optional<ZoneId> zone,
                  Optional<java.util.Locale> locale) implements RuleSpec {

        public Coerce {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(locale, "locale");
        }

        public Coerce(String field, CoercionType type, Optional<String> format, Optional<ZoneId> zone) {
            this(field, type, format, zone, Optional.empty());
        }
    }

    record Trim(FieldSelection fields) implements RuleSpec {

        public Trim {
            Objects.requireNonNull(fields, "fields");
        }
    }

    record Case(FieldSelection fields, LetterCase to) implements RuleSpec {

        public Case {
            Objects.requireNonNull(fields, "fields");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Replaces runs of whitespace with one space. */
    record CollapseSpaces(FieldSelection fields) implements RuleSpec {

        public CollapseSpaces {
            Objects.requireNonNull(fields, "fields");
        }
    }

    /** Turns values that merely stand for "nothing" into nulls. */
    record NullTokens(FieldSelection fields, List<String> tokens) implements RuleSpec {

        public static final List<String> DEFAULT_TOKENS = List.of("", "N/A", "NULL", "null");

        public NullTokens {
            Objects.requireNonNull(fields, "fields");
            tokens = List.copyOf(tokens);
        }
    }

    /** Fills a null or missing field. */
    record Default(String field, String value) implements RuleSpec {

        public Default {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Validates an e-mail address and normalises it. */
    record Email(String field) implements RuleSpec {

        public Email {
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * Validates a phone number and normalises it.
     *
     * @param region ISO 3166 country code assumed for numbers without a country prefix
     */
    record Phone(String field, String region, PhoneFormat format) implements RuleSpec {

        public static final String DEFAULT_REGION = "US";

        public Phone {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(format, "format");
        }
    }

    record Required(List<String> fields) implements RuleSpec {

        public Required {
            fields = List.copyOf(fields);
        }
    }

    /** The whole value must match the pattern. */
    record Regex(String field, String pattern) implements RuleSpec {

        public Regex {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** Inclusive bounds on numbers, dates or timestamps; at least one is present. */
    record Range(String field, RangeBounds bounds) implements RuleSpec {

        public Range {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(bounds, "bounds");
        }

        /** Numeric bounds. */
        public Range(String field, Optional<BigDecimal> min, Optional<BigDecimal> max) {
            this(field, new RangeBounds.Numbers(min, max));
        }
    }

    /** The value must be one of the given ones; with {@code ignoreCase}, in any letter case. */
    record Allowed(String field, List<String> values, boolean ignoreCase) implements RuleSpec {

        public Allowed {
            Objects.requireNonNull(field, "field");
            values = List.copyOf(values);
        }

        public Allowed(String field, List<String> values) {
            this(field, values, false);
        }
    }

    /**
     * Drops the records for which {@code drop}, an expression in the language of {@link Derive}, is
     * true. Dropped records are counted, not dead letters.
     */
    record Filter(String drop) implements RuleSpec {

        public Filter {
            Objects.requireNonNull(drop, "drop");
        }
    }

    /** Inclusive bounds on the length of the value as text; at least one is present. */
    record Length(String field, Optional<Integer> min, Optional<Integer> max) implements RuleSpec {

        public Length {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
        }
    }

    /** Detects records with the same key within a run. */
    record Dedupe(List<String> key, DuplicateKeep keep) implements RuleSpec {

        public Dedupe {
            key = List.copyOf(key);
            Objects.requireNonNull(keep, "keep");
        }
    }

    /** A plug-in transform: a class on the transformer's class path, configured by string pairs. */
    record Custom(String className, Map<String, String> config) implements RuleSpec {

        public Custom {
            Objects.requireNonNull(className, "className");
            config = Collections.unmodifiableSortedMap(new TreeMap<>(config));
        }
    }
}
