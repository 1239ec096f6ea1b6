package io.conveyor.transformer.row;

import io.conveyor.serde.avro.AvroConversions;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;

/**
 * The Avro logical types the transformer maps to Java values: decimal to BigDecimal, date to
 * LocalDate, time-* to LocalTime, timestamp-* to Instant, local-timestamp-* to LocalDateTime and
 * uuid to UUID. Uses Avro's own conversions so the encoding is exactly Avro's.
 */
public final class AvroLogicalTypes {

    private AvroLogicalTypes() {
    }

    /** The conversion for {@code type}, or null for a logical type handled as its base type. */
    public static Conversion<?> conversionFor(LogicalType type) {
        return AvroConversions.genericData().getConversionFor(type);
    }
}
