package io.conveyor.loader.postgres;

import io.conveyor.loader.table.Identifiers;
import io.conveyor.loader.table.SqlTypes;
import io.conveyor.loader.warehouse.Dialect;
import io.conveyor.loader.warehouse.RowWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.avro.Schema;

/** PostgreSQL: row locks, transaction advisory locks, COPY and savepoints. */
final class PostgresDialect implements Dialect {

    @Override
    public String columnType(Schema schema) {
        return SqlTypes.sqlType(schema, "jsonb");
    }

    @Override
    public List<String> prepareSchema(String schema) {
        return List.of("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
    }

    @Override
    public String outboxKey(String schema) {
        return "id bigserial PRIMARY KEY";
    }

    @Override
    public void lockShape(Connection connection, String name) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, name);
            lock.executeQuery().close();
        }
    }

    @Override
    public String sharedRowLock() {
        return " FOR SHARE";
    }

    @Override
    public String exclusiveRowLock() {
        return " FOR UPDATE";
    }

    @Override
    public void createStage(Connection connection, String schema, String stageTable, String targetTable) throws SQLException {
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE TABLE " + Identifiers.qualified(schema, stageTable) + " (LIKE "
                    + Identifiers.qualified(schema, targetTable) + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
        }
    }

    @Override
    public RowWriter rowWriter(Connection connection, int rowRetryBudget) throws SQLException {
        return new CopyRowWriter(connection, rowRetryBudget);
    }

    /** Connection loss, serialization failures and deadlocks, lack of resources, shutdown, lock timeouts. */
    @Override
    public boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57") || state.startsWith("58") || state.equals("55P03");
    }
}
