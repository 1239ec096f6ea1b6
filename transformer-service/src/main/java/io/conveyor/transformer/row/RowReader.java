package io.conveyor.transformer.row;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns an extracted Avro record into a {@link Row}: Avro strings and enum symbols become
 * String, logical types become the Java values of {@link AvroLogicalTypes} (except uuid, which
 * stays a String), nested records become {@code Map<String, Object>}, arrays
 * {@code List<Object>} and fixed values a ByteBuffer.
 */
public final class RowReader {

    private RowReader() {
    }

    public static Row read(GenericRecord record) {
        List<Schema.Field> fields = record.getSchema().getFields();
        Row row = Row.withCapacity(fields.size());
        for (Schema.Field field : fields) {
            row.put(field.name(), toJava(record.get(field.pos()), field.schema()));
        }
        return row;
    }

    private static Object toJava(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return toJava(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
        }
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null && schema.getType() != Schema.Type.STRING) {
            Conversion<?> conversion = AvroLogicalTypes.conversionFor(logicalType);
            if (conversion != null) {
                return Conversions.convertToLogicalType(rewound(value), schema, logicalType, conversion);
            }
        }
        return switch (schema.getType()) {
            case STRING, ENUM -> value.toString();
            case RECORD -> nestedRecord((GenericRecord) value);
            case ARRAY -> list((Collection<?>) value, schema.getElementType());
            case MAP -> map((Map<?, ?>) value, schema.getValueType());
            case FIXED -> ByteBuffer.wrap(((GenericFixed) value).bytes().clone());
            default -> value;
        };
    }

    /** Decoding must not move the position of a buffer the caller still owns. */
    private static Object rewound(Object value) {
        return value instanceof ByteBuffer buffer ? buffer.duplicate() : value;
    }

    private static Map<String, Object> nestedRecord(GenericRecord record) {
        Map<String, Object> nested = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            nested.put(field.name(), toJava(record.get(field.pos()), field.schema()));
        }
        return nested;
    }

    private static List<Object> list(Collection<?> values, Schema elementSchema) {
        List<Object> list = new ArrayList<>(values.size());
        for (Object element : values) {
            list.add(toJava(element, elementSchema));
        }
        return list;
    }

    private static Map<String, Object> map(Map<?, ?> values, Schema valueSchema) {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((key, value) -> map.put(key.toString(), toJava(value, valueSchema)));
        return map;
    }
}
