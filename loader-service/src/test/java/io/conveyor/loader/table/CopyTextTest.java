package io.conveyor.loader.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void nullIsAnUnquotedEmptyFieldAndTextIsQuotedWithDoubledQuotes() {
        StringBuilder line = new StringBuilder();
        CopyText.appendField(line, null, Schema.create(Schema.Type.STRING));
        line.append(',');
        CopyText.appendField(line, "say \"hi\", then\nleave", Schema.create(Schema.Type.STRING));

        assertThat(line).hasToString(",\"say \"\"hi\"\", then\nleave\"");
    }

    @Test
    void writesLogicalTypesFromTheirRawAvroValues() {
        Schema decimal = LogicalTypes.decimal(6, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        ByteBuffer price = new Conversions.DecimalConversion().toBytes(new BigDecimal("-12.50"), decimal,
                decimal.getLogicalType());
        Schema date = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        Schema millis = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));

        assertThat(CopyText.text(price, decimal)).isEqualTo("-12.50");
        assertThat(CopyText.text(19_000, date)).isEqualTo("2022-01-08");
        assertThat(CopyText.text(Instant.parse("2024-01-02T03:04:05.678Z").toEpochMilli(), millis))
                .isEqualTo("2024-01-02T03:04:05.678Z");
        Schema localMicros = LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        assertThat(CopyText.text(1_711_852_200_123_456L, localMicros)).isEqualTo("2024-03-31T02:30:00.123456");
        assertThat(CopyText.text(-1L, localMicros)).isEqualTo("1969-12-31T23:59:59.999999");
        assertThat(CopyText.text(ByteBuffer.wrap(new byte[] {1, (byte) 0xff}), Schema.create(Schema.Type.BYTES)))
                .isEqualTo("\\x01ff");
    }
}
