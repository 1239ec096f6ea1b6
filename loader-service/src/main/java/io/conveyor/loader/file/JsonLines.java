package io.conveyor.loader.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * JSON Lines: one JSON object per record and line (LF), fields in schema order, values as
 * {@link AvroValues} renders them (decimals as exact JSON numbers, timestamps as ISO-8601 strings).
 */
final class JsonLines implements TextFormat.Lines {

    static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    @Override
    public boolean hasHeader() {
        return false;
    }

    @Override
    public String header(Schema schema) {
        throw new UnsupportedOperationException("JSON Lines has no header");
    }

    @Override
    public String line(GenericRecord record) {
        StringWriter line = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(line)) {
            AvroValues.writeJson(generator, record, record.getSchema());
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return line.append('\n').toString();
    }
}
