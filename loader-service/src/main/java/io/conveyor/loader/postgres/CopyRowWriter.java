package io.conveyor.loader.postgres;

import io.conveyor.dataplane.RejectReason;
import io.conveyor.loader.table.CopyText;
import io.conveyor.loader.table.Identifiers;
import io.conveyor.loader.warehouse.RowWriter;
import io.conveyor.loader.warehouse.TargetTables;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * COPYs rows of one schema into a staging table. When PostgreSQL refuses the batch for its data
 * (SQLSTATE class 22, data exception, or 23, integrity constraint violation) the batch is rolled
 * back to a savepoint and copied row by row, each row under its own savepoint, so only the rows
 * at fault are refused; any other error fails the batch.
 */
final class CopyRowWriter implements RowWriter {

    private final Connection connection;
    private final CopyManager copy;

    CopyRowWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    @Override
    public List<Refusal> write(String tableSchema, String table, Schema schema, List<Row> rows) throws SQLException {
        String sql = "COPY " + Identifiers.qualified(tableSchema, table) + " (" + schema.getFields().stream().map(field -> Identifiers.quote(field.name()))
                .collect(Collectors.joining(", ")) + ", " + TargetTables.PARTITION + ", " + TargetTables.OFFSET
                + ") FROM STDIN (FORMAT csv)";
        Savepoint batch = connection.setSavepoint();
        try {
            copyIn(sql, schema, rows);
            connection.releaseSavepoint(batch);
            return List.of();
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            connection.rollback(batch);
            return copyOneByOne(sql, schema, rows);
        }
    }

    private List<Refusal> copyOneByOne(String sql, Schema schema, List<Row> rows) throws SQLException {
        List<Refusal> refused = new ArrayList<>();
        for (Row row : rows) {
            Savepoint single = connection.setSavepoint();
            try {
                copyIn(sql, schema, List.of(row));
                connection.releaseSavepoint(single);
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                connection.rollback(single);
                refused.add(new Refusal(row, reason(e)));
            }
        }
        return refused;
    }

    private void copyIn(String sql, Schema schema, List<Row> rows) throws SQLException {
        StringBuilder text = new StringBuilder();
        for (Row row : rows) {
            for (Schema.Field field : schema.getFields()) {
                CopyText.appendField(text, row.record().get(field.pos()), field.schema());
                text.append(',');
            }
            text.append(row.partition()).append(',').append(row.offset()).append('\n');
        }
        try {
            copy.copyIn(sql, new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into staging failed: " + e.getMessage(), e);
        }
    }

    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static RejectReason reason(SQLException e) {
        String column = null;
        String constraint = null;
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            column = server.getColumn();
            constraint = server.getConstraint();
        }
        String rule = constraint != null ? "constraint:" + constraint : "sqlstate:" + e.getSQLState();
        return new RejectReason(rule, column, e.getMessage(), e.getClass().getName());
    }
}
