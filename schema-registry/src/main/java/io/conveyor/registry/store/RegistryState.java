package io.conveyor.registry.store;

import io.conveyor.registry.compat.CompatibilityLevel;
import io.conveyor.registry.core.SchemaVersion;
import io.conveyor.registry.store.StoreRecord.ConfigEntry;
import io.conveyor.registry.store.StoreRecord.SchemaEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's contents as folded from the storage topic. Every instance folds the same
 * committed records in the same order, so every instance holds the same state once it has read
 * to the end of the topic.
 */
public final class RegistryState {

    private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private final CompatibilityLevel defaultLevel;
    private CompatibilityLevel globalLevel;
    private int maxId;

    public RegistryState(CompatibilityLevel defaultLevel) {
        this.defaultLevel = defaultLevel;
        this.globalLevel = defaultLevel;
    }

    synchronized void apply(StoreRecord record) {
        if (record instanceof SchemaEntry entry) {
            applySchema(entry);
        } else if (record instanceof ConfigEntry entry) {
            applyConfig(entry);
        }
    }

    private void applySchema(SchemaEntry entry) {
        if (entry.value().isEmpty()) {
            NavigableMap<Integer, SchemaVersion> versions = subjects.get(entry.subject());
            if (versions != null) {
                versions.remove(entry.version());
                if (versions.isEmpty()) {
                    subjects.remove(entry.subject());
                }
            }
            return;
        }
        SchemaVersion version = entry.value().get();
        subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>()).put(version.version(), version);
        schemasById.putIfAbsent(version.id(), version.schema());
        idsBySchema.putIfAbsent(version.schema(), version.id());
        maxId = Math.max(maxId, version.id());
    }

    private void applyConfig(ConfigEntry entry) {
        if (entry.subject().isEmpty()) {
            globalLevel = entry.level().orElse(defaultLevel);
        } else if (entry.level().isPresent()) {
            subjectLevels.put(entry.subject().get(), entry.level().get());
        } else {
            subjectLevels.remove(entry.subject().get());
        }
    }

    /** Versions of a subject, oldest first, including soft-deleted ones when asked. */
    public synchronized List<SchemaVersion> versions(String subject, boolean includeDeleted) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.getOrDefault(subject, new TreeMap<>());
        List<SchemaVersion> result = new ArrayList<>();
        for (SchemaVersion version : versions.values()) {
            if (includeDeleted || !version.deleted()) {
                result.add(version);
            }
        }
        return result;
    }

    public synchronized Optional<SchemaVersion> version(String subject, int version) {
        return Optional.ofNullable(subjects.getOrDefault(subject, new TreeMap<>()).get(version));
    }

    /** The highest version number ever given in this subject, soft-deleted ones included. */
    public synchronized int highestVersion(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    public synchronized List<String> subjects(boolean includeDeleted) {
        List<String> names = new ArrayList<>();
        subjects.forEach((name, versions) -> {
            if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                names.add(name);
            }
        });
        return names;
    }

    public synchronized Optional<String> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    public synchronized Optional<Integer> id(String canonicalSchema) {
        return Optional.ofNullable(idsBySchema.get(canonicalSchema));
    }

    /** Every subject version that points at the schema id. */
    public synchronized List<SchemaVersion> usages(int id, boolean includeDeleted) {
        List<SchemaVersion> result = new ArrayList<>();
        for (NavigableMap<Integer, SchemaVersion> versions : subjects.values()) {
            for (SchemaVersion version : versions.values()) {
                if (version.id() == id && (includeDeleted || !version.deleted())) {
                    result.add(version);
                }
            }
        }
        return result;
    }

    public synchronized int nextId() {
        return maxId + 1;
    }

    public synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    public synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
