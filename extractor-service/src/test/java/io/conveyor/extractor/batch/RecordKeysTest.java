package io.conveyor.extractor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.extractor.source.AvroNames;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

    private static final Schema SCHEMA = SchemaBuilder.record("r").fields()
            .name("order_id").prop(AvroNames.ORIGINAL_NAME, "order id").type().optional().stringType()
            .name("region").type().optional().stringType()
            .endRecord();

    @Test
    void findsKeyFieldsByTheirSourceOrAvroNameAndJoinsCompositeKeys() {
        GenericRecord record = record("42", "eu");
        assertThat(new RecordKeys(List.of("order id")).keyOf(record)).contains("42");
        assertThat(new RecordKeys(List.of("order_id", "region")).keyOf(record)).contains("42|eu");
    }

    @Test
    void aRecordWithoutAKeyValueHasNoKey() {
        assertThat(new RecordKeys(List.of("region")).keyOf(record("1", null))).isEmpty();
        assertThat(new RecordKeys(List.of("missing")).keyOf(record("1", "eu"))).isEmpty();
        assertThat(new RecordKeys(List.of()).keyOf(record("1", "eu"))).isEmpty();
    }

    private static GenericRecord record(String id, String region) {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("order_id", id);
        record.put("region", region);
        return record;
    }
}
