package io.conveyor.pipeline.spec.canonical;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The variants of one sealed type, told apart by the simple class name the writer puts under {@code @type}. */
final class Variants<T> {

    private final Map<String, Function<JsonObject, ? extends T>> readers = new TreeMap<>();

    Variants<T> with(Class<? extends T> variant, Function<JsonObject, ? extends T> reader) {
        readers.put(variant.getSimpleName(), reader);
        return this;
    }

    T read(JsonValue value) {
        JsonObject object = value.object();
        String type = object.type();
        Function<JsonObject, ? extends T> reader = readers.get(type);
        if (reader == null) {
            throw new CanonicalJsonException(value.memberPath(JsonObject.TYPE),
                    "unknown type '" + type + "' (expected one of " + String.join(", ", readers.keySet()) + ")");
        }
        return reader.apply(object);
    }
}
