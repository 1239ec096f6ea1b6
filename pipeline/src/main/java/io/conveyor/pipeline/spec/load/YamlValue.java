package io.conveyor.pipeline.spec.load;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node with its field path. Typed reads report a problem at the node and return empty when
 * the node does not hold what was asked for.
 */
final class YamlValue {

    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?[0-9][0-9_]*");

    private final Node node;
    private final String path;
    private final Problems problems;

    YamlValue(Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    Node node() {
        return node;
    }

    Problems problems() {
        return problems;
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    void report(String message) {
        problems.add(node.getStartMark(), path, message);
    }

    /**
     * Reports at a character offset inside this scalar's text when the text appears in the file
     * as is (on one line, no escapes); otherwise at the node.
     */
    void reportAt(int offset, String message) {
        if (node instanceof ScalarNode scalar && writtenAsIs(scalar)) {
            int quote = scalar.getScalarStyle() == ScalarStyle.PLAIN ? 0 : 1;
            problems.add(line(), node.getStartMark().getColumn() + 1 + quote + offset, path, message);
        } else {
            report(message);
        }
    }

    private static boolean writtenAsIs(ScalarNode scalar) {
        boolean oneLine = scalar.getStartMark().getLine() == scalar.getEndMark().getLine();
        int width = scalar.getEndMark().getColumn() - scalar.getStartMark().getColumn();
        return switch (scalar.getScalarStyle()) {
            case PLAIN -> oneLine && width == scalar.getValue().length();
            case SINGLE_QUOTED, DOUBLE_QUOTED -> oneLine && width == scalar.getValue().length() + 2;
            default -> false;
        };
    }

    boolean isNull() {
        return node.getTag().equals(Tag.NULL);
    }

    /** Any scalar but null, as written. */
    Optional<String> text() {
        if (node instanceof ScalarNode scalar && !isNull()) {
            return Optional.of(scalar.getValue());
        }
        return mismatch("a string");
    }

    Optional<String> nonBlankText() {
        return text().filter(text -> {
            if (text.isBlank()) {
                report("must not be empty");
            }
            return !text.isBlank();
        });
    }

    Optional<Long> integer(long min, long max) {
        Optional<String> digits = node.getTag().equals(Tag.INT) ? text().map(t -> t.replace("_", "")) : Optional.empty();
        if (digits.isEmpty() || !DECIMAL_INTEGER.matcher(digits.get()).matches()) {
            return mismatch("an integer");
        }
        BigInteger value = new BigInteger(digits.get().startsWith("+") ? digits.get().substring(1) : digits.get());
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            report("must be between %d and %d, got %s".formatted(min, max, value));
            return Optional.empty();
        }
        return Optional.of(value.longValue());
    }

    Optional<Integer> integer(int min, int max) {
        return integer((long) min, max).map(Long::intValue);
    }

    /** An integer or a finite decimal number. */
    Optional<BigDecimal> number() {
        if (node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT)) {
            try {
                return Optional.of(new BigDecimal(((ScalarNode) node).getValue().replace("_", "")));
            } catch (NumberFormatException notFinite) {
                // .inf and .nan are floats in YAML but no use as a bound or threshold.
            }
        }
        return mismatch("a number");
    }

    Optional<Boolean> bool() {
        if (node.getTag().equals(Tag.BOOL)) {
            String text = ((ScalarNode) node).getValue().toLowerCase(Locale.ROOT);
            return Optional.of(text.equals("true") || text.equals("yes") || text.equals("on"));
        }
        return mismatch("true or false");
    }

    Optional<YamlMap> map() {
        return node instanceof MappingNode mapping ? Optional.of(new YamlMap(this, mapping)) : mismatch("a map");
    }

    /** A map read with {@link YamlMap#read}. */
    <T> Optional<T> readMap(Function<YamlMap, Supplier<? extends T>> read) {
        return map().flatMap(map -> map.read(read));
    }

    Optional<List<YamlValue>> list() {
        if (node instanceof SequenceNode sequence) {
            List<YamlValue> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(new YamlValue(item, path + "[" + items.size() + "]", problems));
            }
            return Optional.of(items);
        }
        return mismatch("a list");
    }

    /** A list whose items all pass {@code read}; empty if any does not (each one reported). */
    <T> Optional<List<T>> listOf(Function<YamlValue, Optional<T>> read) {
        return list().flatMap(items -> {
            int mark = problems.count();
            List<T> values = items.stream().map(read).flatMap(Optional::stream).toList();
            return problems.buildIfNoneSince(mark, () -> values);
        });
    }

    /** A list of non-blank strings. */
    Optional<List<String>> texts() {
        return listOf(YamlValue::nonBlankText);
    }

    /** A map of string keys to scalar values, in file order. */
    Optional<Map<String, String>> textMap() {
        return map().flatMap(map -> {
            int mark = problems.count();
            Map<String, String> values = new LinkedHashMap<>();
            map.keys().forEach(key -> map.get(key).flatMap(YamlValue::text).ifPresent(value -> values.put(key, value)));
            return problems.buildIfNoneSince(mark, () -> values);
        });
    }

    /** One of the given options, matched case-insensitively, or a problem listing them. */
    <T> Optional<T> choice(Map<String, T> options) {
        return text().flatMap(text -> {
            Optional<T> chosen = options.entrySet().stream()
                    .filter(option -> option.getKey().equalsIgnoreCase(text))
                    .map(Map.Entry::getValue)
                    .findFirst();
            if (chosen.isEmpty()) {
                report("unknown value '%s' (expected one of %s)".formatted(text, String.join(", ", options.keySet())));
            }
            return chosen;
        });
    }

    /** An enum constant, written in lower case. */
    <E extends Enum<E>> Optional<E> choice(Class<E> type) {
        Map<String, E> options = Arrays.stream(type.getEnumConstants()).collect(Collectors.toMap(
                constant -> constant.name().toLowerCase(Locale.ROOT), constant -> constant, (a, b) -> a, LinkedHashMap::new));
        return choice(options);
    }

    private <T> Optional<T> mismatch(String expected) {
        report("expected " + expected + ", got " + describe());
        return Optional.empty();
    }

    private String describe() {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull() ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
    }
}
