package io.conveyor.loader.table;

import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Maps Avro record fields to PostgreSQL columns. */
public final class SqlTypes {

    private SqlTypes() {
    }

    public static List<Column> columns(Schema record) {
        if (record.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("a table is made from a record schema, got " + record.getType());
        }
        return record.getFields().stream().map(field -> column(field.name(), field.schema())).toList();
    }

    static Column column(String name, Schema schema) {
        Schema value = nonNull(schema);
        return new Column(name, sqlType(value), value != schema, value);
    }

    /** The non-null branch of a {@code ["null", T]} union, else the schema itself. */
    static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).toList();
        return branches.size() == 1 ? branches.get(0) : schema;
    }

    static String sqlType(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return "numeric(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        if (logical instanceof LogicalTypes.Date) {
            return "date";
        }
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return "timestamptz";
        }
        if (logical instanceof LogicalTypes.LocalTimestampMillis || logical instanceof LogicalTypes.LocalTimestampMicros) {
            return "timestamp";
        }
        if (logical instanceof LogicalTypes.TimeMillis || logical instanceof LogicalTypes.TimeMicros) {
            return "time";
        }
        return switch (schema.getType()) {
            case BOOLEAN -> "boolean";
            case INT -> "integer";
            case LONG -> "bigint";
            case FLOAT -> "real";
            case DOUBLE -> "double precision";
            case STRING, ENUM -> "text";
            case BYTES, FIXED -> "bytea";
            case RECORD, ARRAY, MAP, UNION -> "jsonb";
            case NULL -> throw new IllegalArgumentException("a field of type null cannot be a column");
        };
    }
}
