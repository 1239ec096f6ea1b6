package io.conveyor.pipeline.spec.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** One value of the document and its path, converted to Java values only if it has exactly the expected JSON type. */
final class JsonValue {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_@][A-Za-z0-9_-]*");

    private final JsonNode node;
    private final String path;

    JsonValue(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    /** The path of a member of this object, quoting keys that would be ambiguous in a dotted path. */
    String memberPath(String key) {
        String member = PLAIN_KEY.matcher(key).matches() ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
        return path.isEmpty() || member.startsWith("[") ? path + member : path + "." + member;
    }

    String text() {
        expect(node.isTextual(), "a string");
        return node.textValue();
    }

    int integer() {
        expect(node.isIntegralNumber() && node.canConvertToInt(), "an integer in the int range");
        return node.intValue();
    }

    double number() {
        expect(node.isNumber(), "a number");
        return node.doubleValue();
    }

    BigDecimal decimal() {
        expect(node.isNumber(), "a number");
        return node.decimalValue();
    }

    boolean flag() {
        expect(node.isBoolean(), "true or false");
        return node.booleanValue();
    }

    char character() {
        String text = text();
        if (text.length() != 1) {
            throw error("expected a single character but was " + node);
        }
        return text.charAt(0);
    }

    /** An enum constant, written as its lower-case name. */
    <E extends Enum<E>> E constant(Class<E> type) {
        String text = text();
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().toLowerCase(Locale.ROOT).equals(text))
                .findFirst()
                .orElseThrow(() -> error("unknown value " + node + " (expected one of " + names(type) + ")"));
    }

    /** A value written as text, e.g. a duration; {@code parser} signals bad text with an IllegalArgumentException or DateTimeException. */
    <T> T parsed(String what, Function<String, T> parser) {
        String text = text();
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new CanonicalJsonException(path, "not a valid " + what + ": " + node + " (" + e.getMessage() + ")", e);
        }
    }

    <T> List<T> list(Function<JsonValue, T> element) {
        expect(node.isArray(), "an array");
        return IntStream.range(0, node.size())
                .mapToObj(index -> element.apply(new JsonValue(node.get(index), path + "[" + index + "]")))
                .toList();
    }

    List<String> texts() {
        return list(JsonValue::text);
    }

    Map<String, String> textMap() {
        JsonObject object = object();
        return object.keys().stream().collect(Collectors.toMap(Function.identity(), key -> object.required(key).text()));
    }

    JsonObject object() {
        expect(node.isObject(), "an object");
        return new JsonObject((ObjectNode) node, this);
    }

    boolean isText() {
        return node.isTextual();
    }

    CanonicalJsonException error(String reason) {
        return new CanonicalJsonException(path, reason);
    }

    private void expect(boolean matches, String expected) {
        if (!matches) {
            throw error("expected " + expected + " but was " + describe());
        }
    }

    private String describe() {
        return node.isContainerNode() ? (node.isArray() ? "an array" : "an object") : node.toString();
    }

    private static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
