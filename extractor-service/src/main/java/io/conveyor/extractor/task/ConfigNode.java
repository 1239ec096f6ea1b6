package io.conveyor.extractor.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Typed reads from one object of a task config, naming the field path in every error. An absent
 * field and a JSON null are the same (how Jackson writes an empty {@code Optional}).
 */
record ConfigNode(String path, JsonNode node) {

    boolean has(String field) {
        return present(node.get(field));
    }

    ConfigNode object(String field) {
        JsonNode value = required(field);
        if (!value.isObject()) {
            throw new InvalidTaskConfigException(where(field) + " must be an object");
        }
        return new ConfigNode(where(field), value);
    }

    Optional<ConfigNode> optionalObject(String field) {
        return has(field) ? Optional.of(object(field)) : Optional.empty();
    }

    String text(String field) {
        JsonNode value = required(field);
        if (!value.isValueNode()) {
            throw new InvalidTaskConfigException(where(field) + " must be a text value");
        }
        return value.asText();
    }

    Optional<String> optionalText(String field) {
        return has(field) ? Optional.of(text(field)) : Optional.empty();
    }

    String text(String field, String fallback) {
        return optionalText(field).orElse(fallback);
    }

    char character(String field, char fallback) {
        return optionalCharacter(field).orElse(fallback);
    }

    Optional<Character> optionalCharacter(String field) {
        return optionalText(field).map(text -> {
            if (text.length() != 1) {
                throw new InvalidTaskConfigException(where(field) + " must be a single character: '" + text + "'");
            }
            return text.charAt(0);
        });
    }

    boolean flag(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw new InvalidTaskConfigException(where(field) + " must be true or false");
        }
        return value.booleanValue();
    }

    int integer(String field, int fallback) {
        return optionalInteger(field).orElse(fallback);
    }

    Optional<Integer> optionalInteger(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new InvalidTaskConfigException(where(field) + " must be an integer");
        }
        return Optional.of(value.intValue());
    }

    double number(String field, double fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw new InvalidTaskConfigException(where(field) + " must be a number");
        }
        return value.doubleValue();
    }

    List<String> texts(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw new InvalidTaskConfigException(where(field) + " must be an array of text");
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    Map<String, String> textMap(String field) {
        Map<String, String> map = new TreeMap<>();
        if (has(field)) {
            object(field).node().fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        }
        return map;
    }

    String where(String field) {
        return path + "." + field;
    }

    private JsonNode required(String field) {
        JsonNode value = node.get(field);
        if (!present(value)) {
            throw new InvalidTaskConfigException(where(field) + " is missing");
        }
        return value;
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode();
    }
}
