package io.conveyor.transformer.schema;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

/**
 * Builds a record of one schema from a map of field values, matching fields by name. Values the
 * schema has no field for are ignored. A field that is absent, or null where the schema does not
 * allow null, takes the schema's default; without a default an optional field becomes null and a
 * required one is a violation.
 */
final class RecordConverter implements ValueConverter {

    private final Schema schema;
    private Slot[] slots;

    RecordConverter(Schema schema) {
        this.schema = schema;
    }

    /** Separate from construction so recursive schemas can refer to this converter while it is built. */
    void init(ConverterFactory factory) {
        List<Schema.Field> fields = schema.getFields();
        slots = new Slot[fields.size()];
        for (Schema.Field field : fields) {
            slots[field.pos()] = new Slot(field, factory.forValue(field.schema()));
        }
    }

    @Override
    public Object convert(Object value) throws SchemaViolation {
        if (value instanceof Map<?, ?> map) {
            return toRecord(map);
        }
        throw PrimitiveConverters.cannotHold(TypeNames.describe(schema), value);
    }

    GenericData.Record toRecord(Map<?, ?> values) throws SchemaViolation {
        GenericData.Record record = new GenericData.Record(schema);
        for (Slot slot : slots) {
            record.put(slot.position, slot.valueFrom(values));
        }
        return record;
    }

    private static final class Slot {
        private final Schema.Field field;
        private final int position;
        private final ValueConverter converter;
        private final boolean nullable;
        private final Object defaultValue;
        private final boolean copyDefault;

        Slot(Schema.Field field, ValueConverter converter) {
            this.field = field;
            this.position = field.pos();
            this.converter = converter;
            this.nullable = field.schema().isNullable();
            this.defaultValue = field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null;
            this.copyDefault = !isImmutable(defaultValue);
        }

        Object valueFrom(Map<?, ?> values) throws SchemaViolation {
            Object value = values.get(field.name());
            try {
                if (value != null) {
                    return converter.convert(value);
                }
                return absentOrNull(values.containsKey(field.name()));
            } catch (SchemaViolation e) {
                throw e.within(field.name());
            }
        }

        private Object absentOrNull(boolean present) throws SchemaViolation {
            if (field.hasDefaultValue() && (!present || !nullable)) {
                return copyDefault ? GenericData.get().deepCopy(field.schema(), defaultValue) : defaultValue;
            }
            if (nullable) {
                return null;
            }
            throw SchemaViolation.of(TypeNames.describe(field.schema()), present ? "required but null" : "required but missing");
        }

        /** Defaults are shared across records; only values a consumer could mutate are copied. */
        private static boolean isImmutable(Object value) {
            return !(value instanceof Utf8 || value instanceof ByteBuffer || value instanceof Collection
                    || value instanceof Map || value instanceof GenericData.Fixed || value instanceof GenericData.Record);
        }
    }
}
