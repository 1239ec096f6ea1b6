package io.conveyor.serde.avro;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/**
 * Avro's own logical-type conversions (decimal, uuid, date, time-*, timestamp-*, local-timestamp-*),
 * registered once, for every Conveyor component that maps logical types to Java values.
 */
public final class AvroConversions {

    private static final GenericData WITH_CONVERSIONS = create();

    private AvroConversions() {
    }

    /** Writers accept both raw values and java.time / BigDecimal values with these. */
    public static GenericData genericData() {
        return WITH_CONVERSIONS;
    }

    private static GenericData create() {
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
