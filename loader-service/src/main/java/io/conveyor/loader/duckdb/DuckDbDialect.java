package io.conveyor.loader.duckdb;

import io.conveyor.loader.table.Identifiers;
import io.conveyor.loader.table.SqlTypes;
import io.conveyor.loader.warehouse.Dialect;
import io.conveyor.loader.warehouse.RowWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.avro.Schema;

/**
 * DuckDB: no row or advisory locks (the loaders of the file take turns instead, see
 * {@link DuckDbWarehouse#turn()}), no savepoints, no COPY from the client, a sequence for
 * generated keys; the rest of the loader's SQL reads the same.
 */
final class DuckDbDialect implements Dialect {

    /** Errors about the statement or the data, which a retry meets again. */
    private static final List<String> PERMANENT = List.of("Binder Error", "Catalog Error", "Constraint Error",
            "Conversion Error", "Parser Error", "Invalid Input Error", "Not implemented Error", "Out of Range Error",
            "Dependency Error");

    @Override
    public String columnType(Schema schema) {
        return SqlTypes.sqlType(schema, "JSON");
    }

    @Override
    public List<String> prepareSchema(String schema) {
        return List.of("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema),
                "CREATE SEQUENCE IF NOT EXISTS " + outboxSequence(schema));
    }

    @Override
    public String outboxKey(String schema) {
        return "id bigint PRIMARY KEY DEFAULT nextval('" + outboxSequence(schema).replace("'", "''") + "')";
    }

    private static String outboxSequence(String schema) {
        return Identifiers.qualified(schema, "conveyor_outbox_id");
    }

    @Override
    public void lockShape(Connection connection, String name) {
        // The transaction holds the file's turn already.
    }

    @Override
    public String sharedRowLock() {
        return "";
    }

    @Override
    public String exclusiveRowLock() {
        return "";
    }

    /** DuckDB cannot copy a table's constraints: the row writer checks NOT NULL, the merge the rest. */
    @Override
    public String createStage(String stageTable, String targetTable) {
        return "CREATE TABLE " + stageTable + " AS SELECT * FROM " + targetTable + " LIMIT 0";
    }

    @Override
    public RowWriter rowWriter(Connection connection) {
        return new DuckDbRowWriter(connection);
    }

    @Override
    public boolean isTransient(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return PERMANENT.stream().noneMatch(message::startsWith);
    }
}
