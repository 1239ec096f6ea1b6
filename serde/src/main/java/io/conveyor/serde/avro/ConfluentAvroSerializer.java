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

    /**
     * The subject, schema instance, id and writer of the last record written. A stream of records
     * of one schema then costs no registry-cache look-up per record: that look-up compares schemas
     * with {@link Schema#equals}, which walks every field and property whenever the record's schema
     * is an equal but other instance than the cached one (5-8% of the extract and transform CPU in
     * the profile, bench/README.md).
     */
    private record Recent(String subject, Schema schema, int id, DatumWriter<Object> writer) {
    }

    private volatile Recent recent;

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
        if (config.useLatestVersion()) {
            // The latest version can change: the client's own cache decides when to ask again.
            RegisteredSchema latest = client.latest(subject);
            Schema writerSchema = latest.schema();
            Object datum = schema.equals(writerSchema) ? data : resolve(data, schema, writerSchema);
            return frame(latest.id(), writerSchema, writer(writerSchema, datum), datum, subject);
        }
        Recent last = recent;
        if (last == null || last.schema() != schema || !last.subject().equals(subject)) {
            int id = config.autoRegister() ? client.register(subject, schema) : client.id(subject, schema);
            last = new Recent(subject, schema, id, writer(schema, data));
            recent = last;
        }
        return frame(last.id(), schema, last.writer(), data, subject);
    }

    private DatumWriter<Object> writer(Schema schema, Object datum) {
        return writers.computeIfAbsent(schema, s -> writerFor(s, datum));
    }

    private byte[] frame(int id, Schema schema, DatumWriter<Object> writer, Object datum, String subject) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(WireFormat.header(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(datum, encoder);
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
            writer(from, datum).write(datum, encoder);
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
