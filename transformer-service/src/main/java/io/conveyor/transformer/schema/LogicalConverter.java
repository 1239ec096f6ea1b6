package io.conveyor.transformer.schema;

import io.conveyor.transformer.row.Numbers;
import io.conveyor.transformer.row.Values;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.UUID;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Encodes a Java value with Avro's own conversion for a logical type: BigDecimal (or any exact
 * number) for decimal, LocalDate for date, LocalTime for time-*, Instant for timestamp-*,
 * LocalDateTime for local-timestamp-*, UUID or its text for uuid. Avro refuses decimals that need
 * rounding to the schema's scale or more digits than its precision; those become violations.
 */
final class LogicalConverter implements ValueConverter {

    private final Schema schema;
    private final LogicalType logicalType;
    private final Conversion<?> conversion;
    private final String typeName;

    LogicalConverter(Schema schema, LogicalType logicalType, Conversion<?> conversion) {
        this.schema = schema;
        this.logicalType = logicalType;
        this.conversion = conversion;
        this.typeName = TypeNames.describe(schema);
    }

    @Override
    public Object convert(Object value) throws SchemaViolation {
        try {
            Object normalised = normalise(value);
            if (!conversion.getConvertedType().isInstance(normalised)) {
                throw PrimitiveConverters.cannotHold(typeName, value);
            }
            return Conversions.convertToRawType(normalised, schema, logicalType, conversion);
        } catch (AvroTypeException | ArithmeticException | DateTimeException | IllegalArgumentException e) {
            throw SchemaViolation.of(typeName, "cannot represent " + Values.quote(value) + ": " + e.getMessage());
        }
    }

    private Object normalise(Object value) {
        if (logicalType instanceof LogicalTypes.Decimal && value instanceof Number number && !(value instanceof BigDecimal)) {
            return Numbers.toBigDecimal(number);
        }
        if (conversion.getConvertedType() == UUID.class && value instanceof CharSequence text) {
            return UUID.fromString(text.toString());
        }
        return value;
    }
}
