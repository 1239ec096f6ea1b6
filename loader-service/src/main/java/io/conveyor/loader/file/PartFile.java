package io.conveyor.loader.file;

import java.io.Closeable;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** A part file being written: records of one schema, streamed to disk. */
interface PartFile extends Closeable {

    Schema schema();

    /** @throws RecordRefusedException when the record has no form in the format; nothing of it is written */
    void write(GenericRecord record) throws IOException;
}
