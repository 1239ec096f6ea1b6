package io.conveyor.registry.store;

import io.conveyor.registry.compat.CompatibilityLevel;
import io.conveyor.registry.core.SchemaVersion;

import java.util.Optional;

/**
 * What the registry keeps in its compacted topic. The key decides what compaction keeps: the
 * latest record of a subject version or of a configuration scope; a tombstone (no value)
 * removes it for good.
 */
public sealed interface StoreRecord {

    /** A subject version; empty value = permanently deleted. */
    record SchemaEntry(String subject, int version, Optional<SchemaVersion> value) implements StoreRecord {
    }

    /** The compatibility level of a subject, or the global one when subject is empty; empty level = cleared. */
    record ConfigEntry(Optional<String> subject, Optional<CompatibilityLevel> level) implements StoreRecord {
    }
}
