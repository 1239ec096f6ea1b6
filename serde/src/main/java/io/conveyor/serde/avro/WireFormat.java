package io.conveyor.serde.avro;

import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;

/** Confluent's framing: magic byte 0, the schema id as a 4-byte big-endian int, then Avro binary. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    static ByteBuffer header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).flip();
    }

    /** The schema id of a framed payload; the buffer is left at the start of the Avro data. */
    static int readHeader(ByteBuffer payload, String topic) {
        if (payload.remaining() < HEADER_SIZE) {
            throw new SerializationException("Record on topic " + topic + " is " + payload.remaining()
                    + " bytes, too short for the schema registry framing (magic byte + 4-byte schema id)");
        }
        byte magic = payload.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + magic + " in a record on topic " + topic
                    + ": not written by a schema-registry Avro serializer");
        }
        return payload.getInt();
    }
}
