package io.conveyor.transformer.schema;

/** Turns a non-null row value into the Avro representation of one schema, or says why not. */
@FunctionalInterface
interface ValueConverter {

    Object convert(Object value) throws SchemaViolation;
}
