package io.conveyor.loader.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.loader.warehouse.RowWriter;
import io.conveyor.loader.warehouse.TargetTables;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB row writer on its own, with the example pipeline's order schema: what it stages, what
 * it refuses, and how many statements it takes. Types of every kind are {@code TypeMatrixTest}'s job.
 */
class DuckDbRowWriterTest {

    private static final Schema ORDER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "fields": [
              {"name": "order_id", "type": "long"},
              {"name": "customer_email", "type": "string"},
              {"name": "country", "type": "string"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
              {"name": "currency", "type": "string"},
              {"name": "status", "type": "string"},
              {"name": "created_at", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "shipping_address", "type": ["null", "string"], "default": null}]}""");
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    @TempDir
    Path directory;
    private DuckDbWarehouse warehouse;
    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        warehouse = new DuckDbWarehouse(directory.resolve("warehouse.duckdb"));
        connection = warehouse.connect();
        // The staging table of an order target whose amount column is narrower than the records'.
        execute("CREATE TABLE main.stage (order_id bigint NOT NULL, customer_email text NOT NULL, country text NOT NULL,"
                + " amount numeric(5,2) NOT NULL, currency text NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL,"
                + " note text, shipping_address text, " + TargetTables.PARTITION + " integer, " + TargetTables.OFFSET + " bigint)");
        connection.commit();
    }

    @AfterEach
    void disconnect() throws SQLException {
        connection.rollback();
        warehouse.disconnect(connection);
    }

    @Test
    void stages_every_row_that_fits_in_input_order_and_refuses_the_others_naming_the_column() throws SQLException {
        List<RowWriter.Row> rows = List.of(row(1, "12.50", "a note"), row(2, "123456.00", null), row(3, "0.01", null));

        List<RowWriter.Refusal> refusals = new DuckDbRowWriter(connection).write("main", "stage", ORDER, rows);

        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).row().offset()).isEqualTo(2);
        assertThat(refusals.get(0).reason().rule()).isEqualTo("type:DECIMAL(5,2)");
        assertThat(refusals.get(0).reason().field()).isEqualTo("amount");
        assertThat(query("SELECT string_agg(order_id || ':' || amount || ':' || coalesce(note, '-') || ':' || "
                + TargetTables.OFFSET + ", ' ' ORDER BY rowid) FROM main.stage")).isEqualTo("1:12.50:a note:1 3:0.01:-:3");
        assertThat(query("SELECT count(*) FROM main.stage WHERE created_at = TIMESTAMPTZ '2026-01-02 03:04:05.123456+00'"))
                .isEqualTo("2");
    }

    /**
     * The loader stages each poll (up to 5,000 records in the example) through this writer. Sent as
     * multi-row INSERT statements of 200 rows, the text table cost one statement to parse and bind
     * per 200 rows (427 rows/s on the loaded 2-core machine against 5,798 through the appender,
     * measured by the same test). Counting statements instead of timing keeps the test exact on any
     * machine: through the appender a batch costs the same few statements however many rows it has.
     */
    @Test
    void stages_a_batch_of_five_thousand_orders_with_as_many_statements_as_a_batch_of_ten() throws SQLException {
        StatementCounter small = new StatementCounter(connection);
        assertThat(new DuckDbRowWriter(small.connection()).write("main", "stage", ORDER, batch(0, 10))).isEmpty();
        StatementCounter large = new StatementCounter(connection);

        long started = System.nanoTime();
        assertThat(new DuckDbRowWriter(large.connection()).write("main", "stage", ORDER, batch(10, 5000))).isEmpty();
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(query("SELECT count(*) FROM main.stage")).isEqualTo("5010");
        assertThat(query("SELECT count(DISTINCT " + TargetTables.OFFSET + ") FROM main.stage")).isEqualTo("5010");
        assertThat(large.statements()).as("statements for 5,000 rows (%.0f rows/s)", 5000 / seconds)
                .isEqualTo(small.statements()).isLessThanOrEqualTo(8);
    }

    /** A connection that counts the statements created through it and hands everything else to the real one. */
    private static final class StatementCounter {

        private final Connection connection;
        private int statements;

        StatementCounter(Connection real) {
            this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("createStatement") || method.getName().equals("prepareStatement")) {
                            statements++;
                        }
                        try {
                            return method.invoke(real, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        Connection connection() {
            return connection;
        }

        int statements() {
            return statements;
        }
    }

    private static List<RowWriter.Row> batch(int start, int size) {
        List<RowWriter.Row> rows = new ArrayList<>(size);
        for (int i = start; i < start + size; i++) {
            rows.add(row(i, (i % 900) + ".25", i % 3 == 0 ? null : "note " + i));
        }
        return rows;
    }

    private static RowWriter.Row row(long id, String amount, String note) {
        GenericRecord record = new GenericData.Record(ORDER);
        Schema decimal = ORDER.getField("amount").schema();
        record.put("order_id", id);
        record.put("customer_email", "customer" + id + "@example.com");
        record.put("country", "DE");
        ByteBuffer bytes = DECIMALS.toBytes(new BigDecimal(amount), decimal, LogicalTypes.decimal(12, 2));
        record.put("amount", bytes);
        record.put("currency", "EUR");
        record.put("status", "PAID");
        record.put("created_at", 1_767_323_045_123_456L);
        record.put("note", note);
        record.put("shipping_address", null);
        return new RowWriter.Row(record, 0, id);
    }

    private String query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
