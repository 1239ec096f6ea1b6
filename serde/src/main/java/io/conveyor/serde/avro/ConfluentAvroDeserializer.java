package io.conveyor.serde.avro;

import io.conveyor.serde.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Confluent-framed Avro: looks up the writer schema by the id in the frame and resolves it
 * against a reader schema: the generated class's schema with {@code specific.avro.reader=true},
 * the subject's latest schema with {@code use.latest.version=true}, else the writer schema itself.
 */
public class ConfluentAvroDeserializer<T> extends RegistrySerdeSupport implements Deserializer<T> {

    private final Map<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    public ConfluentAvroDeserializer() {
    }

    public ConfluentAvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        super(client, configs, isKey);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int id = WireFormat.readHeader(buffer, topic);
        try {
            Schema writer = client.schema(id);
            Schema reader = readerSchema(topic, writer);
            Object value = readers.computeIfAbsent(new ReaderKey(id, reader), key -> readerFor(writer, reader))
                    .read(null, DecoderFactory.get().binaryDecoder(data, buffer.position(), buffer.remaining(), null));
            return (T) (value instanceof Utf8 text ? text.toString() : value);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot deserialize a record with schema id " + id + " on topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    private Schema readerSchema(String topic, Schema writer) {
        if (config.specificReader() && writer.getType() == Schema.Type.RECORD) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null) {
                throw new SerializationException("specific.avro.reader is set but no generated class "
                        + writer.getFullName() + " is on the classpath");
            }
            return SpecificData.get().getSchema(generated);
        }
        if (config.useLatestVersion()) {
            String subject = subject(topic, writer.getFullName());
            return client.latest(subject).schema();
        }
        return writer;
    }

    private DatumReader<Object> readerFor(Schema writer, Schema reader) {
        if (config.specificReader() && writer.getType() == Schema.Type.RECORD) {
            return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
        }
        GenericData model = config.logicalTypeConverters() ? AvroConversions.genericData() : GenericData.get();
        return new GenericDatumReader<>(writer, reader, model);
    }

    private record ReaderKey(int writerId, Schema reader) {
    }
}
