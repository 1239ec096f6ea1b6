package io.conveyor.extractor.source.jdbc;

import io.conveyor.extractor.source.AvroNames;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * How one result column becomes an Avro field: its SQL type picks the Avro type (numbers, booleans,
 * decimals with the column's precision and scale, dates and times as logical types, uuids, binary
 * strings as bytes, anything else as text), and every field is nullable. A timestamp with a time zone
 * is an instant ({@code timestamp-micros}), one without a wall-clock time ({@code local-timestamp-micros});
 * PostgreSQL's driver reports both as {@link Types#TIMESTAMP}, so the type name tells them apart.
 * The table is in docs/configuration-extractor.md.
 */
record ColumnMapping(String column, String sqlTypeName, Schema type, Reader reader) {

    /** Reads one column of the current row as the Java value the Avro writer expects. */
    interface Reader {
        Object read(ResultSet row, int index) throws SQLException;
    }

    /** Above this precision a decimal is carried as text: Avro readers differ in what they accept. */
    private static final int MAX_DECIMAL_PRECISION = 38;

    static List<ColumnMapping> of(ResultSetMetaData meta) throws SQLException {
        List<ColumnMapping> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(of(meta.getColumnLabel(i), meta.getColumnType(i), meta.getColumnTypeName(i), meta.getPrecision(i),
                    meta.getScale(i)));
        }
        return columns;
    }

    static Schema recordSchema(String recordName, List<ColumnMapping> columns) {
        List<String> names = AvroNames.distinct(columns.stream().map(ColumnMapping::column).toList());
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(recordName).namespace(AvroNames.NAMESPACE).fields();
        for (int i = 0; i < columns.size(); i++) {
            Schema nullable = Schema.createUnion(Schema.create(Schema.Type.NULL), columns.get(i).type());
            fields = fields.name(names.get(i)).prop(AvroNames.ORIGINAL_NAME, columns.get(i).column()).type(nullable).withDefault(null);
        }
        return fields.endRecord();
    }

    private static ColumnMapping of(String column, int sqlType, String typeName, int precision, int scale) {
        if ("timestamptz".equalsIgnoreCase(typeName)) {
            sqlType = Types.TIMESTAMP_WITH_TIMEZONE;
        } else if ("timetz".equalsIgnoreCase(typeName)) {
            // A time of day with an offset has no Avro logical type; its text keeps both.
            return new ColumnMapping(column, typeName, Schema.create(Schema.Type.STRING), ResultSet::getString);
        } else if ("uuid".equalsIgnoreCase(typeName)) {
            return new ColumnMapping(column, typeName, LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING)),
                    ResultSet::getString);
        }
        switch (sqlType) {
            case Types.BOOLEAN, Types.BIT:
                return new ColumnMapping(column, typeName, Schema.create(Schema.Type.BOOLEAN), nullable(ResultSet::getBoolean));
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER:
                return new ColumnMapping(column, typeName, Schema.create(Schema.Type.INT), nullable(ResultSet::getInt));
            case Types.BIGINT:
                return new ColumnMapping(column, typeName, Schema.create(Schema.Type.LONG), nullable(ResultSet::getLong));
            case Types.REAL:
                return new ColumnMapping(column, typeName, Schema.create(Schema.Type.FLOAT), nullable(ResultSet::getFloat));
            case Types.FLOAT, Types.DOUBLE:
                return new ColumnMapping(column, typeName, Schema.create(Schema.Type.DOUBLE), nullable(ResultSet::getDouble));
            case Types.NUMERIC, Types.DECIMAL:
                return decimal(column, typeName, precision, scale);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB:
                return new ColumnMapping(column, typeName, Schema.create(Schema.Type.BYTES), (row, i) -> {
                    byte[] bytes = row.getBytes(i);
                    return bytes == null ? null : ByteBuffer.wrap(bytes);
                });
            case Types.DATE:
                return new ColumnMapping(column, typeName, LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)),
                        (row, i) -> row.getObject(i, LocalDate.class));
            case Types.TIME:
                return new ColumnMapping(column, typeName, LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG)),
                        (row, i) -> row.getObject(i, LocalTime.class));
            case Types.TIMESTAMP:
                return new ColumnMapping(column, typeName,
                        LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG)),
                        (row, i) -> representable(row.getObject(i, LocalDateTime.class)));
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return new ColumnMapping(column, typeName, LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)),
                        (row, i) -> {
                            OffsetDateTime time = row.getObject(i, OffsetDateTime.class);
                            return time == null ? null : representable(time.toLocalDateTime()).toInstant(time.getOffset());
                        });
            default:
                return new ColumnMapping(column, typeName, Schema.create(Schema.Type.STRING), ResultSet::getString);
        }
    }

    private static ColumnMapping decimal(String column, String typeName, int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
            return new ColumnMapping(column, typeName, Schema.create(Schema.Type.STRING), ResultSet::getString);
        }
        Schema type = LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
        return new ColumnMapping(column, typeName, type, (row, i) -> {
            BigDecimal value = row.getBigDecimal(i);
            return value == null ? null : value.setScale(scale, RoundingMode.UNNECESSARY);
        });
    }

    /**
     * A timestamp Avro can carry as microseconds since the epoch; PostgreSQL's {@code infinity} (read as
     * the largest LocalDateTime) cannot be, and is refused here so the row becomes a reject.
     */
    private static LocalDateTime representable(LocalDateTime time) {
        if (time != null) {
            Math.multiplyExact(time.toEpochSecond(ZoneOffset.UTC), 1_000_000L);
        }
        return time;
    }

    /** Primitive getters answer 0 or false for SQL NULL; this keeps NULL null. */
    private static Reader nullable(Reader primitive) {
        return (row, i) -> {
            Object value = primitive.read(row, i);
            return row.wasNull() ? null : value;
        };
    }
}
