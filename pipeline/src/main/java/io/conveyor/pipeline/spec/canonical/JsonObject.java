package io.conveyor.pipeline.spec.canonical;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A JSON object being read into one record. It remembers which members were asked for, so that
 * {@link #build} can refuse members the record does not have: ignoring them would give a spec whose
 * canonical JSON, and so fingerprint, differs from the document's.
 */
final class JsonObject {

    static final String TYPE = "@type";

    private final ObjectNode node;
    private final JsonValue value;
    private final Set<String> asked = new HashSet<>();

    JsonObject(ObjectNode node, JsonValue value) {
        this.node = node;
        this.value = value;
    }

    String path() {
        return value.path();
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        asked.addAll(keys);
        return keys;
    }

    JsonValue required(String key) {
        return optional(key).orElseThrow(() -> new CanonicalJsonException(value.memberPath(key), "missing"));
    }

    /** A member that the writer leaves out when the record's Optional is empty. */
    Optional<JsonValue> optional(String key) {
        asked.add(key);
        return Optional.ofNullable(node.get(key)).map(member -> new JsonValue(member, value.memberPath(key)));
    }

    String type() {
        return required(TYPE).text();
    }

    /**
     * Makes the record, whose members {@code constructor} reads, then refuses members it did not read.
     * A refusal by the record's constructor (an IllegalArgumentException, e.g. a dependency cycle) is
     * reported at this object's path.
     */
    <T> T build(Supplier<T> constructor) {
        T built;
        try {
            built = constructor.get();
        } catch (CanonicalJsonException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CanonicalJsonException(path(), e.getMessage(), e);
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!asked.contains(key)) {
                throw new CanonicalJsonException(value.memberPath(key), "unknown member");
            }
        });
        return built;
    }
}
