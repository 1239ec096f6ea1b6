package io.conveyor.loader.warehouse;

import io.conveyor.dataplane.RejectReason;
import java.sql.SQLException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** Writes rows of one record schema into a staging table, refusing the rows the table cannot take. */
public interface RowWriter {

    /** A row to load and where it came from. */
    record Row(GenericRecord record, int partition, long offset) {
    }

    /** A row the database refused, and why. */
    record Refusal(Row row, RejectReason reason) {
    }

    /** Writes the rows (all of {@code record}) into {@code schema.table}; answers the refused ones. */
    List<Refusal> write(String schema, String table, Schema record, List<Row> rows) throws SQLException;
}
