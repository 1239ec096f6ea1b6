package io.conveyor.transformer.schema;

import io.conveyor.transformer.row.AvroLogicalTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/** Builds the converters for a schema once, so enforcing it per record does no schema walking. */
final class ConverterFactory {

    private final Map<Schema, RecordConverter> records = new IdentityHashMap<>();

    RecordConverter record(Schema schema) {
        RecordConverter existing = records.get(schema);
        if (existing != null) {
            return existing;
        }
        RecordConverter converter = new RecordConverter(schema);
        records.put(schema, converter);
        converter.init(this);
        return converter;
    }

    /** A converter that also decides about null: allowed only where the schema allows it. */
    ValueConverter forValue(Schema schema) {
        ValueConverter nonNull = forNonNull(schema);
        if (schema.isNullable()) {
            return value -> value == null ? null : nonNull.convert(value);
        }
        String type = TypeNames.describe(schema);
        return value -> {
            if (value == null) {
                throw SchemaViolation.of(type, "null is not allowed");
            }
            return nonNull.convert(value);
        };
    }

    private ValueConverter forNonNull(Schema schema) {
        LogicalType logicalType = schema.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : AvroLogicalTypes.conversionFor(logicalType);
        if (conversion != null) {
            return new LogicalConverter(schema, logicalType, conversion);
        }
        return switch (schema.getType()) {
            case RECORD -> record(schema);
            case ARRAY -> array(schema);
            case MAP -> map(schema);
            case UNION -> union(schema);
            default -> PrimitiveConverters.forSchema(schema);
        };
    }

    private ValueConverter array(Schema schema) {
        ValueConverter element = forValue(schema.getElementType());
        String type = TypeNames.describe(schema);
        return value -> {
            if (!(value instanceof Collection<?> values)) {
                throw PrimitiveConverters.cannotHold(type, value);
            }
            List<Object> converted = new ArrayList<>(values.size());
            int index = 0;
            for (Object item : values) {
                try {
                    converted.add(element.convert(item));
                } catch (SchemaViolation e) {
                    throw e.within("[" + index + "]");
                }
                index++;
            }
            return converted;
        };
    }

    private ValueConverter map(Schema schema) {
        ValueConverter valueConverter = forValue(schema.getValueType());
        String type = TypeNames.describe(schema);
        return value -> {
            if (!(value instanceof Map<?, ?> values)) {
                throw PrimitiveConverters.cannotHold(type, value);
            }
            Map<String, Object> converted = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : values.entrySet()) {
                String key = String.valueOf(entry.getKey());
                try {
                    converted.put(key, valueConverter.convert(entry.getValue()));
                } catch (SchemaViolation e) {
                    throw e.within("[" + key + "]");
                }
            }
            return converted;
        };
    }

    /** The first non-null branch that can hold the value wins, in the schema's branch order. */
    private ValueConverter union(Schema schema) {
        List<ValueConverter> branches = new ArrayList<>();
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                branches.add(forNonNull(branch));
            }
        }
        if (branches.size() == 1) {
            return branches.get(0);
        }
        String type = TypeNames.describe(schema);
        return value -> {
            for (ValueConverter branch : branches) {
                try {
                    return branch.convert(value);
                } catch (SchemaViolation e) {
                    continue;
                }
            }
            throw PrimitiveConverters.cannotHold(type, value);
        };
    }
}
