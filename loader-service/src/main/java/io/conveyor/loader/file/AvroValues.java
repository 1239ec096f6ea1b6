package io.conveyor.loader.file;

import com.fasterxml.jackson.core.JsonGenerator;
import io.conveyor.serde.avro.AvroConversions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * How Avro values look in text output: decimals exact and in plain notation, dates, times and
 * timestamps in ISO-8601 (timestamps as UTC instants, local timestamps without zone), uuids as
 * text, bytes and fixed in Base64, enums by symbol; unions by the value of their branch.
 */
final class AvroValues {

    private static final GenericData DATA = AvroConversions.genericData();

    private AvroValues() {
    }

    /** A scalar as text; records, arrays and maps as JSON. Null for null. */
    static String text(Object value, Schema schema) {
        Schema branch = branch(value, schema);
        if (value == null) {
            return null;
        }
        switch (branch.getType()) {
            case RECORD, ARRAY, MAP:
                StringWriter json = new StringWriter();
                try (JsonGenerator generator = JsonLines.JSON.createGenerator(json)) {
                    writeJson(generator, value, branch);
                } catch (IOException e) {
                    throw new UncheckedIOException("writing JSON to memory failed", e);
                }
                return json.toString();
            default:
                Object logical = logical(value, branch);
                if (logical instanceof BigDecimal decimal) {
                    return decimal.toPlainString();
                }
                if (logical instanceof ByteBuffer || logical instanceof GenericFixed) {
                    return Base64.getEncoder().encodeToString(bytes(logical));
                }
                return logical.toString();
        }
    }

    static void writeJson(JsonGenerator generator, Object value, Schema schema) throws IOException {
        Schema branch = branch(value, schema);
        if (value == null) {
            generator.writeNull();
            return;
        }
        switch (branch.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                generator.writeStartObject();
                for (Schema.Field field : branch.getFields()) {
                    generator.writeFieldName(field.name());
                    writeJson(generator, record.get(field.pos()), field.schema());
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (Object element : (Iterable<?>) value) {
                    writeJson(generator, element, branch.getElementType());
                }
                generator.writeEndArray();
            }
            case MAP -> {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    generator.writeFieldName(entry.getKey().toString());
                    writeJson(generator, entry.getValue(), branch.getValueType());
                }
                generator.writeEndObject();
            }
            case BOOLEAN -> generator.writeBoolean((Boolean) value);
            case INT, LONG, FLOAT, DOUBLE, BYTES, FIXED, STRING, ENUM -> writeScalar(generator, logical(value, branch));
            default -> throw new IllegalArgumentException("no JSON form for Avro type " + branch.getType());
        }
    }

    private static void writeScalar(JsonGenerator generator, Object logical) throws IOException {
        if (logical instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else if (logical instanceof Integer number) {
            generator.writeNumber(number);
        } else if (logical instanceof Long number) {
            generator.writeNumber(number);
        } else if (logical instanceof Float number) {
            generator.writeNumber(number);
        } else if (logical instanceof Double number) {
            generator.writeNumber(number);
        } else if (logical instanceof ByteBuffer || logical instanceof GenericFixed) {
            generator.writeString(Base64.getEncoder().encodeToString(bytes(logical)));
        } else {
            generator.writeString(logical.toString());
        }
    }

    /** The branch of a union the value belongs to; the schema itself otherwise. */
    private static Schema branch(Object value, Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().get(DATA.resolveUnion(schema, value));
    }

    /** The value as Avro's logical-type conversion sees it (BigDecimal, LocalDate, Instant, ...), when it has one. */
    private static Object logical(Object value, Schema schema) {
        LogicalType type = schema.getLogicalType();
        Conversion<?> conversion = type == null ? null : DATA.getConversionFor(type);
        if (conversion == null || conversion.getConvertedType().isInstance(value)) {
            return value;
        }
        return Conversions.convertToLogicalType(value, schema, type, conversion);
    }

    private static byte[] bytes(Object value) {
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes();
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
