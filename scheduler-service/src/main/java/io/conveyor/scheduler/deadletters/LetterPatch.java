package io.conveyor.scheduler.deadletters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The fields an edit-and-replay sets in every selected letter's record before it is replayed: a
 * value given as text is converted to the field's Avro type (string, boolean, int, long, float,
 * double, or null where the field is nullable). The record keeps its schema, so the patched bytes
 * keep the schema id of the original. Pure apart from the encoding.
 */
record LetterPatch(Map<String, String> set) {

    /** A field that cannot take the value. */
    static final class PatchException extends IllegalArgumentException {
        PatchException(String message) {
            super(message);
        }
    }

    LetterPatch {
        set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
    }

    static LetterPatch none() {
        return new LetterPatch(Map.of());
    }

    boolean isEmpty() {
        return set.isEmpty();
    }

    /** A copy of {@code record} with the fields set. */
    GenericRecord apply(GenericRecord record) {
        GenericRecord patched = new GenericData.Record((GenericData.Record) record, true);
        for (Map.Entry<String, String> entry : set.entrySet()) {
            Schema.Field field = record.getSchema().getField(entry.getKey());
            if (field == null) {
                throw new PatchException("set." + entry.getKey() + ": the record " + record.getSchema().getFullName()
                        + " has no field '" + entry.getKey() + "' (it has " + record.getSchema().getFields().stream()
                        .map(Schema.Field::name).toList() + ")");
            }
            patched.put(field.pos(), convert(entry.getKey(), field.schema(), entry.getValue()));
        }
        return patched;
    }

    /** The record in Confluent's framing with the schema id of {@code original}'s frame. */
    static byte[] reframe(byte[] original, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 16);
        out.write(original, 0, 5);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Object convert(String name, Schema schema, String value) {
        Schema type = schema;
        boolean nullable = false;
        if (schema.getType() == Schema.Type.UNION) {
            nullable = schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
            var others = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
            if (others.size() != 1) {
                throw new PatchException("set." + name + ": the field is a union of " + others.size()
                        + " types; only a type or a nullable type can be set");
            }
            type = others.get(0);
        }
        if (value == null) {
            if (!nullable) {
                throw new PatchException("set." + name + ": the field is not nullable");
            }
            return null;
        }
        if (type.getLogicalType() != null) {
            throw new PatchException("set." + name + ": the field has logical type " + type.getLogicalType().getName()
                    + "; only plain strings, booleans and numbers can be set");
        }
        try {
            return switch (type.getType()) {
                case STRING -> value;
                case BOOLEAN -> switch (value) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new PatchException("set." + name + ": '" + value + "' is not true or false");
                };
                case INT -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case FLOAT -> Float.parseFloat(value);
                case DOUBLE -> Double.parseDouble(value);
                default -> throw new PatchException("set." + name + ": fields of type " + type.getType().getName()
                        + " cannot be set");
            };
        } catch (NumberFormatException e) {
            throw new PatchException("set." + name + ": '" + value + "' is not a " + type.getType().getName());
        }
    }
}
