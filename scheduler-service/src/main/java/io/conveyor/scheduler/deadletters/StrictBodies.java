package io.conveyor.scheduler.deadletters;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;

/**
 * Reads a JSON request body into its record and refuses, with 422 naming the key's path, any key the
 * record does not declare. JSON binding skips unknown keys by default; for a request that acts on
 * whatever its selection matches, a skipped misspelt key widens the selection to every letter.
 */
final class StrictBodies {

    private final JsonMapper json;

    StrictBodies(JsonMapper json) {
        this.json = json;
    }

    /** @param absent what an empty body means */
    <R extends Record> R read(@Nullable JsonNode body, Class<R> type, R absent) {
        if (body == null || body.isNull()) {
            return absent;
        }
        if (!body.isObject()) {
            throw new DeadLetterController.BadSelection("body", "the request body is not a JSON object");
        }
        refuseUnknownKeys(body, type, "");
        try {
            return json.readValueFromTree(body, type);
        } catch (IOException | RuntimeException e) {
            throw new DeadLetterController.BadSelection("body", "the request body does not fit: " + e.getMessage());
        }
    }

    private static void refuseUnknownKeys(JsonNode object, Class<?> type, String path) {
        Map<String, RecordComponent> keys = new LinkedHashMap<>();
        Arrays.stream(type.getRecordComponents()).forEach(component -> keys.put(component.getName(), component));
        for (Entry<String, JsonNode> entry : object.entries()) {
            String at = path + entry.getKey();
            RecordComponent component = keys.get(entry.getKey());
            if (component == null) {
                throw new DeadLetterController.BadSelection(at, "'" + at + "' is not a key of this request"
                        + (path.isEmpty() ? "" : "'s " + path.substring(0, path.length() - 1)) + "; its keys are "
                        + String.join(", ", keys.keySet()));
            }
            if (component.getType().isRecord() && entry.getValue().isObject()) {
                refuseUnknownKeys(entry.getValue(), component.getType(), at + ".");
            }
        }
    }
}
