package io.conveyor.loader.duckdb;

import io.conveyor.loader.table.Identifiers;
import io.conveyor.loader.table.SqlTypes;
import io.conveyor.loader.warehouse.Dialect;
import io.conveyor.loader.warehouse.RowWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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

    /**
     * DuckDB has no {@code LIKE}: the staging table is made from an empty query of the target and
     * gets its NOT NULL columns back, which the row writer checks; CHECK constraints are met at
     * the merge.
     */
    @Override
    public void createStage(Connection connection, String schema, String stageTable, String targetTable) throws SQLException {
        String stage = Identifiers.qualified(schema, stageTable);
        List<String> required = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? AND is_nullable = 'NO'")) {
            select.setString(1, schema);
            select.setString(2, targetTable);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    required.add(rows.getString(1));
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + stage + " AS SELECT * FROM " + Identifiers.qualified(schema, targetTable)
                    + " LIMIT 0");
            for (String column : required) {
                statement.execute("ALTER TABLE " + stage + " ALTER COLUMN " + Identifiers.quote(column) + " SET NOT NULL");
            }
        }
    }

    /** DuckDB finds the refused rows of a batch in one probe, never row by row: there is no retry to budget. */
    @Override
    public RowWriter rowWriter(Connection connection, int rowRetryBudget) {
        return new DuckDbRowWriter(connection);
    }

    @Override
    public boolean isTransient(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return PERMANENT.stream().noneMatch(message::startsWith);
    }
}
