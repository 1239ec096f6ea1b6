package io.conveyor.transformer.schema;

import io.conveyor.transformer.row.Numbers;
import io.conveyor.transformer.row.Values;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Converters for Avro's non-logical, non-container types. Numbers convert between Java types
 * only when the value survives exactly (a Long into an int field if it is within int range);
 * text is never parsed here: that is what coercion rules are for.
 */
final class PrimitiveConverters {

    private PrimitiveConverters() {
    }

    static ValueConverter forSchema(Schema schema) {
        String type = TypeNames.describe(schema);
        return switch (schema.getType()) {
            case NULL -> value -> {
                throw cannotHold(type, value);
            };
            case BOOLEAN -> value -> require(value instanceof Boolean, type, value);
            case INT -> value -> toInt(value, type);
            case LONG -> value -> toLong(value, type);
            case FLOAT -> value -> toFloat(value, type);
            case DOUBLE -> value -> toDouble(value, type);
            case STRING -> value -> toText(value, type);
            case BYTES -> value -> toBytes(value, type);
            case ENUM -> enumConverter(schema, type);
            case FIXED -> value -> toFixed(schema, value, type);
            default -> throw new IllegalArgumentException("not a primitive type: " + schema);
        };
    }

    static SchemaViolation cannotHold(String type, Object value) {
        return SchemaViolation.of(type, "cannot hold " + Values.quote(value));
    }

    private static Object require(boolean matches, String type, Object value) throws SchemaViolation {
        if (!matches) {
            throw cannotHold(type, value);
        }
        return value;
    }

    private static Object toInt(Object value, String type) throws SchemaViolation {
        if (value instanceof Integer) {
            return value;
        }
        long whole = toLong(value, type);
        if (whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE) {
            throw SchemaViolation.of(type, whole + " is outside the int range");
        }
        return (int) whole;
    }

    private static long toLong(Object value, String type) throws SchemaViolation {
        if (value instanceof Long l) {
            return l;
        }
        if (!(value instanceof Number number)) {
            throw cannotHold(type, value);
        }
        try {
            return Numbers.exactLong(number);
        } catch (ArithmeticException e) {
            throw SchemaViolation.of(type, Values.quote(value) + " is not a whole number in range");
        }
    }

    private static Object toFloat(Object value, String type) throws SchemaViolation {
        if (value instanceof Number number) {
            return number.floatValue();
        }
        throw cannotHold(type, value);
    }

    private static Object toDouble(Object value, String type) throws SchemaViolation {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw cannotHold(type, value);
    }

    private static Object toText(Object value, String type) throws SchemaViolation {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        throw cannotHold(type, value);
    }

    private static Object toBytes(Object value, String type) throws SchemaViolation {
        if (value instanceof ByteBuffer) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        throw cannotHold(type, value);
    }

    private static Object toFixed(Schema schema, Object value, String type) throws SchemaViolation {
        byte[] bytes = bytesOf(value);
        if (bytes == null) {
            throw cannotHold(type, value);
        }
        if (bytes.length != schema.getFixedSize()) {
            throw SchemaViolation.of(type, bytes.length + " bytes given, " + schema.getFixedSize() + " required");
        }
        return new GenericData.Fixed(schema, bytes);
    }

    private static byte[] bytesOf(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return null;
    }

    private static ValueConverter enumConverter(Schema schema, String type) {
        Map<String, GenericData.EnumSymbol> symbols = new HashMap<>();
        for (String symbol : schema.getEnumSymbols()) {
            symbols.put(symbol, new GenericData.EnumSymbol(schema, symbol));
        }
        return value -> {
            GenericData.EnumSymbol symbol = value instanceof CharSequence text ? symbols.get(text.toString()) : null;
            if (symbol == null) {
                throw SchemaViolation.of(type, Values.quote(value)
                        + " is not one of " + schema.getEnumSymbols());
            }
            return symbol;
        };
    }
}
