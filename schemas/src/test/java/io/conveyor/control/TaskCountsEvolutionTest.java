package io.conveyor.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/** recordsDropped was added with a default, so services of both versions read each other's counts. */
class TaskCountsEvolutionTest {

    /** TaskCounts as it was before recordsDropped. */
    private static final Schema BEFORE = new Schema.Parser().parse("""
            {"type": "record", "name": "TaskCounts", "namespace": "io.conveyor.control", "fields": [
              {"name": "recordsIn", "type": "long", "default": 0},
              {"name": "recordsOut", "type": "long", "default": 0},
              {"name": "recordsRejected", "type": "long", "default": 0}]}
            """);

    @Test
    void countsWrittenBeforeRecordsDroppedExistedReadAsNothingDropped() throws Exception {
        GenericRecord old = new GenericData.Record(BEFORE);
        old.put("recordsIn", 10L);
        old.put("recordsOut", 9L);
        old.put("recordsRejected", 1L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(BEFORE).write(old, encoder);
        encoder.flush();

        TaskCounts read = new SpecificDatumReader<TaskCounts>(BEFORE, TaskCounts.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read).isEqualTo(new TaskCounts(10L, 9L, 1L, 0L));
    }

    @Test
    void theChangeIsCompatibleBothWays() {
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(TaskCounts.getClassSchema(), BEFORE).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(BEFORE, TaskCounts.getClassSchema()).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
}
