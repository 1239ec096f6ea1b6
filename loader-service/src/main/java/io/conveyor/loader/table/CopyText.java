package io.conveyor.loader.table;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;

/**
 * Writes Avro values as fields of PostgreSQL's COPY CSV format: null is an unquoted empty field,
 * everything else is quoted. Values may be raw Avro (epoch days, micros, decimal bytes) or already
 * converted to java.time and BigDecimal.
 */
public final class CopyText {

    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private CopyText() {
    }

    /**
     * Appends one field of a COPY line; {@code type} is the column's schema without its null branch
     * ({@link SqlTypes#nonNull}), resolved once per column, not per value.
     */
    public static void appendField(StringBuilder line, Object value, Schema type) {
        if (value == null) {
            return;
        }
        if (value instanceof Long number && type.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
            line.append('"');
            InstantText.appendMicros(line, number);
            line.append('"');
            return;
        }
        String text = text(value, type);
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
    }

    public static String text(Object value, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal) {
            return decimal(value, schema).toPlainString();
        }
        if (logical instanceof LogicalTypes.Date) {
            return value instanceof Integer days ? LocalDate.ofEpochDay(days).toString() : value.toString();
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return value instanceof Long millis ? InstantText.ofMillis(millis) : value.toString();
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
            return value instanceof Long micros ? InstantText.ofMicros(micros) : value.toString();
        }
        if (logical instanceof LogicalTypes.LocalTimestampMillis) {
            return value instanceof Long millis ? LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
                    (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC).toString() : value.toString();
        }
        // A wall-clock time: written without a zone, so a timestamp column takes it as it is.
        if (logical instanceof LogicalTypes.LocalTimestampMicros) {
            return value instanceof Long micros ? LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                    (int) Math.floorMod(micros, 1_000_000) * 1000, ZoneOffset.UTC).toString() : value.toString();
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return value instanceof Integer millis ? LocalTime.ofNanoOfDay(millis * 1_000_000L).toString() : value.toString();
        }
        if (logical instanceof LogicalTypes.TimeMicros) {
            return value instanceof Long micros ? LocalTime.ofNanoOfDay(micros * 1000L).toString() : value.toString();
        }
        return switch (schema.getType()) {
            case BYTES -> "\\x" + HexFormat.of().formatHex(bytes((ByteBuffer) value));
            case FIXED -> "\\x" + HexFormat.of().formatHex(((GenericFixed) value).bytes());
            case RECORD, ARRAY, MAP, UNION -> GenericData.get().toString(value);
            default -> value.toString();
        };
    }

    private static BigDecimal decimal(Object value, Schema schema) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof ByteBuffer buffer) {
            return DECIMALS.fromBytes(buffer.duplicate(), schema, schema.getLogicalType());
        }
        return DECIMALS.fromFixed((GenericFixed) value, schema, schema.getLogicalType());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
