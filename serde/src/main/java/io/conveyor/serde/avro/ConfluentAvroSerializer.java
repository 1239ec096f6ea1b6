package io.conveyor.serde.avro;

import io.conveyor.serde.registry.RegisteredSchema;
import io.conveyor.serde.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serializes Avro data in Confluent's wire format (magic byte 0, 4-byte big-endian schema id,
 * Avro binary), registering or looking up the schema under the configured subject strategy.
 * Anything written by it can be read by Confluent's deserializers in any language.
 */
public class ConfluentAvroSerializer<T> extends RegistrySerdeSupport implements Serializer<T> {

    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For Kafka, which configures it through {@link #configure}. */
    public ConfluentAvroSerializer() {
    }

    /** With a shared client, so that several serdes share one cache. */
    public ConfluentAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        super(client, configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Schema schema = AvroDatum.schemaOf(data);
        String subject = subject(topic, schema.getFullName());
        Object datum = data;
        Schema writerSchema = schema;
        int id;
        if (config.useLatestVersion()) {
            RegisteredSchema latest = client.latest(subject);
            id = latest.id();
            writerSchema = latest.schema();
            datum = schema.equals(writerSchema) ? data : resolve(data, schema, writerSchema);
        } else if (config.autoRegister()) {
            id = client.register(subject, schema);
        } else {
            id = client.id(subject, schema);
        }
        return frame(id, writerSchema, datum, subject);
    }

    private byte[] frame(int id, Schema schema, Object datum, String subject) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(WireFormat.header(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(schema, s -> writerFor(s, datum)).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize a " + schema.getFullName() + " for subject " + subject
                    + " with schema id " + id + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Rewrites a datum into the registry's latest schema through Avro's schema resolution. */
    private Object resolve(Object datum, Schema from, Schema to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(from, s -> writerFor(s, datum)).write(datum, encoder);
            encoder.flush();
            return new GenericDatumReader<>(from, to, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("A " + from.getFullName() + " cannot be written with the subject's latest schema: "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writerFor(Schema schema, Object datum) {
        if (datum instanceof SpecificRecord) {
            return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
        }
        return new GenericDatumWriter<>(schema, AvroConversions.genericData());
    }
}
