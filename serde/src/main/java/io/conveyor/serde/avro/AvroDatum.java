package io.conveyor.serde.avro;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;

/** The Avro schema of what a serializer is handed: records, enums, fixed, or a bare primitive. */
final class AvroDatum {

    private static final Schema NULL = Schema.create(Schema.Type.NULL);
    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private AvroDatum() {
    }

    static Schema schemaOf(Object datum) {
        if (datum instanceof GenericContainer container) {
            return container.getSchema();
        }
        if (datum == null) {
            return NULL;
        }
        if (datum instanceof Boolean) {
            return BOOLEAN;
        }
        if (datum instanceof Integer) {
            return INT;
        }
        if (datum instanceof Long) {
            return LONG;
        }
        if (datum instanceof Float) {
            return FLOAT;
        }
        if (datum instanceof Double) {
            return DOUBLE;
        }
        if (datum instanceof CharSequence) {
            return STRING;
        }
        if (datum instanceof byte[] || datum instanceof ByteBuffer) {
            return BYTES;
        }
        throw new SerializationException("Cannot serialize a " + datum.getClass().getName()
                + " as Avro: expected an Avro record, enum or fixed, or a null, boolean, int, long, float, double, string or bytes");
    }
}
