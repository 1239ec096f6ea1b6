package io.conveyor.serde.registry;

import org.apache.avro.Schema;

/** A schema as a subject version in the registry. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
