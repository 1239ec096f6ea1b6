package io.conveyor.transformer.coerce;

import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds a {@link Coercion} from a target type as users write it: int, long, double, decimal(p,s), boolean, date, timestamp. */
public final class Coercions {

    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    private Coercions() {
    }

    /**
     * How text is read. {@code pattern} applies to date and timestamp, {@code zone} to timestamp,
     * {@code numbers} to the numeric types, {@code rounding} to decimal, {@code locale} (the language
     * of month and day names) to patterns; null means the default (ISO-8601, UTC, plain numbers,
     * reject rounding, English names).
     */
    public record Options(String pattern, ZoneId zone, NumberSyntax numbers, DecimalRounding rounding, Locale locale) {

        public static final Options DEFAULTS = new Options(null, null, null, null, null);

        public Options {
            numbers = numbers == null ? NumberSyntax.PLAIN : numbers;
            rounding = rounding == null ? DecimalRounding.REJECT : rounding;
        }

        public Options(String pattern, ZoneId zone, NumberSyntax numbers, DecimalRounding rounding) {
            this(pattern, zone, numbers, rounding, null);
        }
    }

    public static Coercion forType(String type) {
        return forType(type, Options.DEFAULTS);
    }

    /** @throws IllegalArgumentException for an unknown type or an invalid decimal or pattern */
    public static Coercion forType(String type, Options options) {
        String normalised = type.strip().toLowerCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(normalised);
        if (decimal.matches()) {
            return new DecimalCoercion(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)),
                    options.rounding(), options.numbers());
        }
        return switch (normalised) {
            case "int" -> WholeNumberCoercion.toInt(options.numbers());
            case "long" -> WholeNumberCoercion.toLong(options.numbers());
            case "double" -> new DoubleCoercion(options.numbers());
            case "boolean" -> new BooleanCoercion();
            case "date" -> new DateCoercion(options.pattern(), options.locale());
            case "timestamp" -> new TimestampCoercion(options.pattern(), options.zone(), options.locale());
            default -> throw new IllegalArgumentException("unknown coercion type '" + type
                    + "'; expected int, long, double, decimal(p,s), boolean, date or timestamp");
        };
    }
}
