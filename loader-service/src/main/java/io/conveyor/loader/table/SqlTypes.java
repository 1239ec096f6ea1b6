package io.conveyor.loader.table;

import java.util.List;
import java.util.function.Function;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Maps Avro record fields to SQL columns; the warehouse's dialect names the types. */
public final class SqlTypes {

    private SqlTypes() {
    }

    public static List<Column> columns(Schema record, Function<Schema, String> columnType) {
        if (record.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("a table is made from a record schema, got " + record.getType());
        }
        return record.getFields().stream().map(field -> {
            Schema value = nonNull(field.schema());
            return new Column(field.name(), columnType.apply(value), value != field.schema(), value);
        }).toList();
    }

    /** The non-null branch of a {@code ["null", T]} union, else the schema itself. */
    public static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).toList();
        return branches.size() == 1 ? branches.get(0) : schema;
    }

    /**
     * The type of a (non-null) field schema in SQL as PostgreSQL and DuckDB both read it, nested
     * values (records, arrays, maps, unions) as {@code documentType}.
     */
    public static String sqlType(Schema schema, String documentType) {
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
        if (logical != null && schema.getType() == Schema.Type.STRING && LogicalTypes.uuid().getName().equals(logical.getName())) {
            return "uuid";
        }
        return switch (schema.getType()) {
            case BOOLEAN -> "boolean";
            case INT -> "integer";
            case LONG -> "bigint";
            case FLOAT -> "real";
            case DOUBLE -> "double precision";
            case STRING, ENUM -> "text";
            case BYTES, FIXED -> "bytea";
            case RECORD, ARRAY, MAP, UNION -> documentType;
            case NULL -> throw new IllegalArgumentException("a field of type null cannot be a column");
        };
    }
}
