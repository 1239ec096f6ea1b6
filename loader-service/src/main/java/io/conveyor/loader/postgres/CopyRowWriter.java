package io.conveyor.loader.postgres;

import io.conveyor.dataplane.RejectReason;
import io.conveyor.loader.table.CopyText;
import io.conveyor.loader.table.Identifiers;
import io.conveyor.loader.table.SqlTypes;
import io.conveyor.loader.warehouse.RefusalStreak;
import io.conveyor.loader.warehouse.RowWriter;
import io.conveyor.loader.warehouse.TargetTables;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * COPYs rows of one schema into a staging table. When PostgreSQL refuses the batch for its data
 * (SQLSTATE class 22, data exception, or 23, integrity constraint violation) the batch is rolled
 * back to a savepoint and copied row by row, each row under its own savepoint, so only the rows
 * at fault are refused; any other error fails the batch. Rows refused one after another for the
 * same reason spend the {@link RefusalStreak row retry budget}: then the data or the table is at
 * fault, not single rows, and the batch fails with the reason instead of dead-lettering every row.
 */
final class CopyRowWriter implements RowWriter {

    /** Where PostgreSQL says which column of a COPY line it could not take: {@code COPY t, line 1, column c: "..."}. */
    private static final Pattern COPY_COLUMN = Pattern.compile("COPY [^,]+, line \\d+, column ([^:]+):");

    private final Connection connection;
    private final CopyManager copy;
    private final int rowRetryBudget;
    /** Per staging table, so interleaved runs do not share a streak; a table's entry goes when a row of it loads. */
    private final Map<String, RefusalStreak> streaks = new HashMap<>();

    CopyRowWriter(Connection connection, int rowRetryBudget) throws SQLException {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.rowRetryBudget = rowRetryBudget;
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
            streaks.remove(table);
            return List.of();
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            connection.rollback(batch);
            return copyOneByOne(table, sql, schema, rows);
        }
    }

    private List<Refusal> copyOneByOne(String table, String sql, Schema schema, List<Row> rows) throws SQLException {
        RefusalStreak streak = streaks.computeIfAbsent(table, ignored -> new RefusalStreak(rowRetryBudget));
        List<Refusal> refused = new ArrayList<>();
        for (Row row : rows) {
            Savepoint single = connection.setSavepoint();
            try {
                copyIn(sql, schema, List.of(row));
                connection.releaseSavepoint(single);
                streak.loaded();
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                connection.rollback(single);
                RejectReason reason = reason(e);
                try {
                    streak.refused(e.getSQLState(), reason.field(), e.getMessage());
                } catch (RefusalStreak.SpentException spent) {
                    streaks.remove(table);
                    throw spent;
                }
                refused.add(new Refusal(row, reason));
            }
        }
        return refused;
    }

    private void copyIn(String sql, Schema schema, List<Row> rows) throws SQLException {
        List<Schema.Field> fields = schema.getFields();
        Schema[] types = new Schema[fields.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = SqlTypes.nonNull(fields.get(i).schema());
        }
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (Row row : rows) {
            for (int i = 0; i < types.length; i++) {
                CopyText.appendField(text, row.record().get(fields.get(i).pos()), types[i]);
                text.append(',');
            }
            text.append(row.partition()).append(',').append(row.offset()).append('\n');
        }
        // The bytes go to the server as they are: the driver's Reader path would copy the text
        // through chars and Strings again per 64K chunk (a third of this method's allocation).
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
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
            column = server.getColumn() != null ? server.getColumn() : copyColumn(server.getWhere());
            constraint = server.getConstraint();
        }
        String rule = constraint != null ? "constraint:" + constraint : "sqlstate:" + e.getSQLState();
        return new RejectReason(rule, column, e.getMessage(), e.getClass().getName());
    }

    /** The column a COPY data error names in its context, or null. */
    private static String copyColumn(String where) {
        if (where == null) {
            return null;
        }
        Matcher matcher = COPY_COLUMN.matcher(where);
        return matcher.find() ? matcher.group(1) : null;
    }
}
