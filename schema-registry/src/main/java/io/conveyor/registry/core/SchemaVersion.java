package io.conveyor.registry.core;

/**
 * One version of a subject: the schema id it points to and whether it was soft-deleted.
 *
 * @param schema the canonical form of the schema (Avro's own {@code Schema.toString()})
 */
public record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

    public SchemaVersion softDeleted() {
        return new SchemaVersion(subject, version, id, schema, true);
    }
}
