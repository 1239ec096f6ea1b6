package io.conveyor.registry.core;

import io.conveyor.registry.compat.CompatibilityChecker;
import io.conveyor.registry.compat.CompatibilityChecker.VersionedSchema;
import io.conveyor.registry.compat.CompatibilityLevel;
import io.conveyor.registry.store.KafkaRegistryStore;
import io.conveyor.registry.store.KafkaRegistryStore.PlannedWrite;
import io.conveyor.registry.store.RegistryState;
import io.conveyor.registry.store.StoreRecord;
import io.conveyor.registry.store.StoreRecord.ConfigEntry;
import io.conveyor.registry.store.StoreRecord.SchemaEntry;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry's operations with Confluent's semantics: the same schema text always gets the
 * same id across subjects, registering a schema a subject already has answers its id, versions
 * count up and are never reused, deletes are soft first and permanent second.
 */
public final class SchemaRegistry {

    public static final String AVRO = "AVRO";

    private final KafkaRegistryStore store;
    private final CompatibilityChecker checker = new CompatibilityChecker();

    public SchemaRegistry(KafkaRegistryStore store) {
        this.store = store;
    }

    /** Registers a schema under a subject and answers its id. */
    public int register(String subject, SchemaRequest request) {
        Schema schema = parse(request);
        String canonical = schema.toString();
        return store.write(state -> {
            Optional<SchemaVersion> existing = state.versions(subject, false).stream()
                    .filter(v -> v.schema().equals(canonical)).findFirst();
            if (existing.isPresent()) {
                return PlannedWrite.nothing(existing.get().id());
            }
            List<String> problems = checker.incompatibilities(schema, liveSchemas(state, subject),
                    state.effectiveLevel(subject));
            if (!problems.isEmpty()) {
                throw RegistryException.incompatibleSchema("Schema being registered is incompatible with an earlier "
                        + "schema for subject \"" + subject + "\", details: " + problems);
            }
            int id = state.id(canonical).orElseGet(state::nextId);
            SchemaVersion version = new SchemaVersion(subject, state.highestVersion(subject) + 1, id, canonical, false);
            return new PlannedWrite<>(List.of(entry(version)), id);
        });
    }

    /** Finds the version of a subject that holds this schema. */
    public SchemaVersion lookup(String subject, SchemaRequest request, boolean includeDeleted) {
        String canonical = parse(request).toString();
        RegistryState state = store.state();
        List<SchemaVersion> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions.stream().filter(v -> v.schema().equals(canonical)).reduce((first, second) -> second)
                .orElseThrow(RegistryException::schemaNotFound);
    }

    public List<String> subjects(boolean includeDeleted) {
        return store.state().subjects(includeDeleted);
    }

    public List<Integer> versions(String subject, boolean includeDeleted) {
        List<SchemaVersion> versions = existingSubject(subject, includeDeleted);
        return versions.stream().map(SchemaVersion::version).toList();
    }

    public SchemaVersion version(String subject, String versionSpec, boolean includeDeleted) {
        return resolve(store.state(), subject, VersionSpec.parse(versionSpec), includeDeleted);
    }

    /** The schema text of an id; reads to the end of the log first when this instance lacks it. */
    public String schema(int id) {
        Optional<String> schema = store.state().schema(id);
        if (schema.isEmpty()) {
            store.syncToEnd();
            schema = store.state().schema(id);
        }
        return schema.orElseThrow(() -> RegistryException.schemaIdNotFound(id));
    }

    public List<SchemaVersion> usages(int id, boolean includeDeleted) {
        schema(id);
        return store.state().usages(id, includeDeleted);
    }

    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return store.write(state -> {
            List<SchemaVersion> all = state.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            boolean softDeleted = all.stream().allMatch(SchemaVersion::deleted);
            if (!permanent && softDeleted) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            if (permanent && !softDeleted) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            List<StoreRecord> records = new ArrayList<>();
            List<Integer> deleted = new ArrayList<>();
            for (SchemaVersion version : permanent ? all : state.versions(subject, false)) {
                records.add(permanent ? new SchemaEntry(subject, version.version(), Optional.empty())
                        : entry(version.softDeleted()));
                deleted.add(version.version());
            }
            if (permanent) {
                records.add(new ConfigEntry(Optional.of(subject), Optional.empty()));
            }
            return new PlannedWrite<>(records, deleted);
        });
    }

    public int deleteVersion(String subject, String versionSpec, boolean permanent) {
        VersionSpec spec = VersionSpec.parse(versionSpec);
        return store.write(state -> {
            SchemaVersion version = resolve(state, subject, spec, true);
            if (!permanent && version.deleted()) {
                throw RegistryException.versionSoftDeleted(subject, version.version());
            }
            if (permanent && !version.deleted()) {
                throw RegistryException.versionNotSoftDeleted(subject, version.version());
            }
            StoreRecord record = permanent ? new SchemaEntry(subject, version.version(), Optional.empty())
                    : entry(version.softDeleted());
            return new PlannedWrite<>(List.of(record), version.version());
        });
    }

    public CompatibilityLevel globalLevel() {
        return store.state().globalLevel();
    }

    public CompatibilityLevel setGlobalLevel(CompatibilityLevel level) {
        return store.write(state -> new PlannedWrite<>(
                List.of(new ConfigEntry(Optional.empty(), Optional.of(level))), level));
    }

    /** Resets the global level to the default and answers the level it had. */
    public CompatibilityLevel clearGlobalLevel() {
        return store.write(state -> new PlannedWrite<>(
                List.of(new ConfigEntry(Optional.empty(), Optional.empty())), state.globalLevel()));
    }

    public CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        RegistryState state = store.state();
        return state.subjectLevel(subject).or(() -> defaultToGlobal ? Optional.of(state.globalLevel()) : Optional.empty())
                .orElseThrow(() -> RegistryException.subjectCompatibilityNotConfigured(subject));
    }

    public CompatibilityLevel setSubjectLevel(String subject, CompatibilityLevel level) {
        return store.write(state -> new PlannedWrite<>(
                List.of(new ConfigEntry(Optional.of(subject), Optional.of(level))), level));
    }

    public CompatibilityLevel clearSubjectLevel(String subject) {
        return store.write(state -> {
            CompatibilityLevel previous = state.subjectLevel(subject)
                    .orElseThrow(() -> RegistryException.subjectNotFound(subject));
            return new PlannedWrite<>(List.of(new ConfigEntry(Optional.of(subject), Optional.empty())), previous);
        });
    }

    /**
     * Tests a schema against one version of a subject, or against the versions the subject's
     * level demands when versionSpec is empty.
     */
    public List<String> incompatibilities(String subject, Optional<String> versionSpec, SchemaRequest request) {
        Schema schema = parse(request);
        RegistryState state = store.state();
        CompatibilityLevel level = state.effectiveLevel(subject);
        if (versionSpec.isEmpty()) {
            return checker.incompatibilities(schema, liveSchemas(state, subject), level);
        }
        SchemaVersion version = resolve(state, subject, VersionSpec.parse(versionSpec.get()), false);
        return checker.incompatibilities(schema, List.of(versioned(version)), level);
    }

    private static SchemaVersion resolve(RegistryState state, String subject, VersionSpec spec, boolean includeDeleted) {
        List<SchemaVersion> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (spec.latest()) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == spec.number()).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(spec.number()));
    }

    private List<SchemaVersion> existingSubject(String subject, boolean includeDeleted) {
        List<SchemaVersion> versions = store.state().versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private static List<VersionedSchema> liveSchemas(RegistryState state, String subject) {
        return state.versions(subject, false).stream().map(SchemaRegistry::versioned).toList();
    }

    private static VersionedSchema versioned(SchemaVersion version) {
        return new VersionedSchema(version.version(), new Schema.Parser().parse(version.schema()));
    }

    private static StoreRecord entry(SchemaVersion version) {
        return new SchemaEntry(version.subject(), version.version(), Optional.of(version));
    }

    private static Schema parse(SchemaRequest request) {
        if (!AVRO.equals(request.schemaType())) {
            throw RegistryException.invalidSchema("Unsupported schema type " + request.schemaType()
                    + ": this registry stores AVRO schemas only");
        }
        if (request.hasReferences()) {
            throw RegistryException.invalidSchema("Schema references are not supported by this registry");
        }
        if (request.schema() == null || request.schema().isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        try {
            return new Schema.Parser().parse(request.schema());
        } catch (SchemaParseException | AvroTypeException e) {
            // Avro 1.12 reports a reference to an undefined named type and a bad default as type errors.
            throw RegistryException.invalidSchema("Invalid schema " + request.schema() + ": " + e.getMessage());
        }
    }

    /** A schema as a client sent it. */
    public record SchemaRequest(String schema, String schemaType, boolean hasReferences) {

        public SchemaRequest {
            schemaType = schemaType == null ? AVRO : schemaType;
        }
    }

    private record VersionSpec(boolean latest, int number) {

        static VersionSpec parse(String text) {
            if ("latest".equals(text) || "-1".equals(text)) {
                return new VersionSpec(true, -1);
            }
            try {
                int number = Integer.parseInt(text);
                if (number >= 1) {
                    return new VersionSpec(false, number);
                }
            } catch (NumberFormatException e) {
                // falls through to the error every client expects
            }
            throw RegistryException.invalidVersion(text);
        }
    }
}
