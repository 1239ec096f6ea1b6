package io.conveyor.pipeline.spec.load;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping read key by key. It remembers which keys were asked for, so that
 * {@link #rejectUnknownKeys()} can report every other key.
 */
final class YamlMap {

    private final YamlValue self;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> used = new HashSet<>();

    YamlMap(YamlValue self, MappingNode node) {
        this.self = self;
        for (NodeTuple entry : node.getValue()) {
            addEntry(entry);
        }
    }

    private void addEntry(NodeTuple entry) {
        YamlValue key = new YamlValue(entry.getKeyNode(), self.path(), self.problems());
        if (!(entry.getKeyNode() instanceof ScalarNode scalar) || key.isNull()) {
            key.report("keys must be strings");
            return;
        }
        NodeTuple first = entries.putIfAbsent(scalar.getValue(), entry);
        if (first != null) {
            keyValue(scalar.getValue(), entry).report(
                    "duplicate key (first given at line %d)".formatted(first.getKeyNode().getStartMark().getLine() + 1));
        }
    }

    String path() {
        return self.path();
    }

    YamlValue self() {
        return self;
    }

    Set<String> keys() {
        known.addAll(entries.keySet());
        return entries.keySet();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<YamlValue> get(String key) {
        known.add(key);
        NodeTuple entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        used.add(key);
        return Optional.of(new YamlValue(entry.getValueNode(), childPath(key), self.problems()));
    }

    /** The value of a key that must be present; reports it missing otherwise. */
    Optional<YamlValue> require(String key) {
        Optional<YamlValue> value = get(key);
        if (value.isEmpty()) {
            self.problems().add(self.node().getStartMark(), childPath(key), "missing required key");
        }
        return value;
    }

    /** Reports a key that should be present, with the reason it is needed. */
    void reportMissing(String key, String message) {
        self.problems().add(self.node().getStartMark(), childPath(key), message);
    }

    /** Refuses a key that is present but not allowed here. */
    void refuse(String key, String message) {
        known.add(key);
        NodeTuple entry = entries.get(key);
        if (entry != null) {
            used.add(key);
            keyValue(key, entry).report(message);
        }
    }

    /**
     * Runs {@code read}, which asks for keys and returns how to build the result from them, then
     * reports unknown keys; builds the result only if nothing at all was reported meanwhile.
     */
    <T> Optional<T> read(Function<YamlMap, Supplier<? extends T>> read) {
        int mark = self.problems().count();
        Supplier<? extends T> build = read.apply(this);
        rejectUnknownKeys();
        return self.problems().buildIfNoneSince(mark, build::get);
    }

    /** Reports every key that no reader asked for. */
    void rejectUnknownKeys() {
        entries.forEach((key, entry) -> {
            if (!used.contains(key)) {
                keyValue(key, entry).report("unknown key" + hint(key));
            }
        });
    }

    private String hint(String key) {
        return known.stream()
                .filter(candidate -> candidate.equalsIgnoreCase(key))
                .findFirst()
                .map(candidate -> " (did you mean '" + candidate + "'?)")
                .orElseGet(() -> known.isEmpty() ? "" : " (expected one of " + String.join(", ", known) + ")");
    }

    private YamlValue keyValue(String key, NodeTuple entry) {
        return new YamlValue(entry.getKeyNode(), childPath(key), self.problems());
    }

    private String childPath(String key) {
        return self.path().isEmpty() ? key : self.path() + "." + key;
    }
}
