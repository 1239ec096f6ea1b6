package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.cron.CronSchedule;
import io.conveyor.pipeline.cron.CronSyntaxException;
import io.conveyor.pipeline.spec.Password;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the value types the pipeline format shares across sections. */
final class SpecValues {

    private static final int MAX_NAME_LENGTH = 64;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern SQL_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private SpecValues() {
    }

    /** A pipeline or task id, which becomes part of Kafka topic names. */
    static Optional<String> name(YamlValue value) {
        return value.text().filter(text -> {
            boolean valid = NAME.matcher(text).matches() && text.length() <= MAX_NAME_LENGTH;
            if (!valid) {
                value.report(("invalid name '%s' (lower-case letters, digits, '_' and '-', starting with a letter"
                        + " or digit, at most %d characters)").formatted(text, MAX_NAME_LENGTH));
            }
            return valid;
        });
    }

    /** A list of field names with at least one entry. */
    static Optional<List<String>> fields(YamlValue value) {
        return value.texts().filter(fields -> {
            if (fields.isEmpty()) {
                value.report("must name at least one field");
            }
            return !fields.isEmpty();
        });
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT30S}. */
    static Optional<Duration> duration(YamlValue value) {
        return value.text().flatMap(text -> {
            Optional<Duration> duration = parseDuration(text.strip());
            if (duration.isEmpty()) {
                value.report("invalid duration '%s' (expected e.g. 500ms, 30s, 5m, 2h, 1d or ISO-8601 such as PT30S)"
                        .formatted(text));
            } else if (duration.get().isNegative()) {
                value.report("must not be negative, got " + text);
                return Optional.empty();
            }
            return duration;
        });
    }

    /** A duration greater than zero. */
    static Optional<Duration> positiveDuration(YamlValue value) {
        return duration(value).filter(duration -> {
            if (duration.isZero()) {
                value.report("must be longer than zero");
            }
            return !duration.isZero();
        });
    }

    private static Optional<Duration> parseDuration(String text) {
        Matcher match = SHORT_DURATION.matcher(text);
        if (match.matches()) {
            long amount = Long.parseLong(match.group(1));
            return Optional.of(switch (match.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    /** A fraction from 0 to 1, or a percentage such as {@code 5%}. */
    static Optional<Double> fraction(YamlValue value) {
        boolean percent = value.node() instanceof ScalarNode scalar && scalar.getValue().strip().endsWith("%");
        Optional<BigDecimal> number = percent ? percentage(value) : value.number();
        return number.filter(fraction -> {
            boolean valid = fraction.signum() >= 0 && fraction.compareTo(BigDecimal.ONE) <= 0;
            if (!valid) {
                value.report("must be a fraction from 0 to 1 or a percentage from 0% to 100%");
            }
            return valid;
        }).map(BigDecimal::doubleValue);
    }

    private static Optional<BigDecimal> percentage(YamlValue value) {
        String text = value.text().orElseThrow().strip();
        try {
            return Optional.of(new BigDecimal(text.substring(0, text.length() - 1).strip()).movePointLeft(2));
        } catch (NumberFormatException e) {
            value.report("invalid percentage '%s' (expected e.g. 5%%)".formatted(text));
            return Optional.empty();
        }
    }

    /** An IANA time-zone id. */
    static Optional<ZoneId> zone(YamlValue value) {
        return value.text().flatMap(text -> {
            if (!ZONES.contains(text)) {
                value.report("unknown time zone '%s' (expected an IANA zone id such as Europe/Berlin)".formatted(text));
                return Optional.empty();
            }
            return Optional.of(ZoneId.of(text));
        });
    }

    static Optional<CronSchedule> cron(YamlValue value) {
        return value.text().flatMap(text -> {
            try {
                return Optional.of(CronSchedule.parse(text));
            } catch (CronSyntaxException e) {
                value.reportAt(e.position() - 1, "invalid cron expression: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** An unquoted SQL identifier, as PostgreSQL accepts it. */
    static Optional<String> sqlIdentifier(YamlValue value) {
        return value.text().filter(text -> {
            boolean valid = SQL_IDENTIFIER.matcher(text).matches();
            if (!valid) {
                value.report(("invalid SQL identifier '%s' (letters, digits and '_', not starting with a digit,"
                        + " at most 63 characters)").formatted(text));
            }
            return valid;
        });
    }

    /** A JSON pointer (RFC 6901): empty for the whole document, or starting with '/'. */
    static Optional<String> jsonPointer(YamlValue value) {
        return value.text().filter(text -> {
            boolean valid = text.isEmpty() || text.startsWith("/");
            if (!valid) {
                value.report("invalid JSON pointer '%s' (expected \"\" or a path starting with '/', e.g. /data/items)"
                        .formatted(text));
            }
            return valid;
        });
    }

    /** {@code password} or {@code passwordEnv}, at most one of them; empty when neither is given. */
    static Optional<Password> password(YamlMap map) {
        Optional<YamlValue> literal = map.get("password");
        Optional<YamlValue> variable = map.get("passwordEnv");
        if (literal.isPresent() && variable.isPresent()) {
            variable.get().report("give either password or passwordEnv, not both");
            return Optional.empty();
        }
        return literal.flatMap(YamlValue::text).<Password>map(Password.Literal::new)
                .or(() -> variable.flatMap(SpecValues::environmentVariable).map(Password.FromEnv::new));
    }

    private static Optional<String> environmentVariable(YamlValue value) {
        return value.text().filter(text -> {
            boolean valid = ENVIRONMENT_VARIABLE.matcher(text).matches();
            if (!valid) {
                value.report("invalid environment variable name '%s'".formatted(text));
            }
            return valid;
        });
    }

    /** A JDBC connection URL. */
    static Optional<String> jdbcUrl(YamlValue value) {
        return value.text().filter(text -> {
            boolean valid = text.toLowerCase(Locale.ROOT).startsWith("jdbc:") && text.length() > "jdbc:".length();
            if (!valid) {
                value.report("invalid JDBC URL '%s' (expected e.g. jdbc:postgresql://host:5432/db)".formatted(text));
            }
            return valid;
        });
    }
}
