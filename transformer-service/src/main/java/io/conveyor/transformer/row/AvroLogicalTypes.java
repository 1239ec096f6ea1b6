package io.conveyor.transformer.row;

import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/**
 * The Avro logical types the transformer maps to Java values: decimal to BigDecimal, date to
 * LocalDate, time-* to LocalTime, timestamp-* to Instant, local-timestamp-* to LocalDateTime and
 * uuid to UUID. Uses Avro's own conversions so the encoding is exactly Avro's.
 */
public final class AvroLogicalTypes {

    private static final GenericData DATA = withConversions();

    private AvroLogicalTypes() {
    }

    /** The conversion for {@code type}, or null for a logical type handled as its base type. */
    public static Conversion<?> conversionFor(LogicalType type) {
        return DATA.getConversionFor(type);
    }

    private static GenericData withConversions() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampNanosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampNanosConversion());
        return data;
    }
}
