package io.conveyor.loader.duckdb;

import io.conveyor.dataplane.RejectReason;
import io.conveyor.loader.table.CopyText;
import io.conveyor.loader.table.Identifiers;
import io.conveyor.loader.table.SqlTypes;
import io.conveyor.loader.warehouse.RowWriter;
import io.conveyor.loader.warehouse.TargetTables;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes rows into a DuckDB staging table. A failed statement spoils DuckDB's whole transaction
 * and there are no savepoints, so rows are never sent where they could fail: they go as text
 * into a temporary table, DuckDB's own {@code TRY_CAST} finds the values the staging columns
 * cannot take (and nulls in NOT NULL columns), and only the other rows are cast into the staging
 * table. The refused rows name the column and its type.
 */
final class DuckDbRowWriter implements RowWriter {

    private static final String INCOMING = "conveyor_incoming";
    private static final String ROW = "conveyor_row";
    /** Where DuckDB keeps temporary tables. */
    private static final String TEMP_CATALOG = "temp";

    private final Connection connection;

    DuckDbRowWriter(Connection connection) {
        this.connection = connection;
    }

    private record Target(String name, String type, boolean nullable) {
    }

    @Override
    public List<Refusal> write(String schema, String table, Schema record, List<Row> rows) throws SQLException {
        List<Target> targets = targets(schema, table, record);
        execute("CREATE OR REPLACE TEMP TABLE " + INCOMING + " (" + ROW + " integer, " + TargetTables.PARTITION + " integer, "
                + TargetTables.OFFSET + " bigint" + IntStream.range(0, targets.size()).mapToObj(i -> ", v" + i + " varchar")
                .collect(Collectors.joining()) + ")");
        try {
            insertText(record, rows);
            List<Refusal> refusals = refusals(targets, rows);
            String columns = targets.stream().map(target -> Identifiers.quote(target.name())).collect(Collectors.joining(", "));
            String values = IntStream.range(0, targets.size()).mapToObj(i -> "CAST(v" + i + " AS " + targets.get(i).type() + ")")
                    .collect(Collectors.joining(", "));
            execute("INSERT INTO " + Identifiers.qualified(schema, table) + " (" + columns + ", " + TargetTables.PARTITION
                    + ", " + TargetTables.OFFSET + ") SELECT " + values + ", " + TargetTables.PARTITION + ", "
                    + TargetTables.OFFSET + " FROM " + INCOMING + " WHERE NOT (" + anyUnfit(targets) + ") ORDER BY " + ROW);
            return refusals;
        } finally {
            execute("DROP TABLE IF EXISTS " + INCOMING);
        }
    }

    /** The staging column of each field of the record, in field order. */
    private List<Target> targets(String schema, String table, Schema record) throws SQLException {
        Map<String, Target> columns = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT column_name, data_type, is_nullable"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            select.setString(1, schema);
            select.setString(2, table);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), new Target(rows.getString(1), rows.getString(2), "YES".equals(rows.getString(3))));
                }
            }
        }
        List<Target> targets = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            Target target = columns.get(field.name());
            if (target == null) {
                throw new SQLException("staging table " + schema + "." + table + " has no column " + field.name());
            }
            targets.add(target);
        }
        return targets;
    }

    /**
     * Fills the text table through DuckDB's appender: the values go into DuckDB's column vectors
     * directly, with no SQL to parse and no parameters to bind per row (multi-row INSERT statements
     * of 200 rows staged about a thirteenth of the rows per second, see bench/README.md). The
     * appender writes in the connection's open transaction, so the rows commit or roll back with
     * the batch's offsets.
     */
    private void insertText(Schema record, List<Row> rows) throws SQLException {
        List<Schema.Field> fields = record.getFields();
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(TEMP_CATALOG,
                DuckDBConnection.DEFAULT_SCHEMA, INCOMING)) {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                appender.beginRow();
                appender.append(i);
                appender.append(row.partition());
                appender.append(row.offset());
                for (Schema.Field field : fields) {
                    String text = text(row.record().get(field.pos()), field.schema());
                    if (text == null) {
                        appender.appendNull();
                    } else {
                        appender.append(text);
                    }
                }
                appender.endRow();
            }
        }
    }

    private List<Refusal> refusals(List<Target> targets, List<Row> rows) throws SQLException {
        StringBuilder which = new StringBuilder("CASE");
        for (int i = 0; i < targets.size(); i++) {
            which.append(" WHEN ").append(unfit(targets.get(i), i)).append(" THEN ").append(i);
        }
        List<Refusal> refusals = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet unfit = statement.executeQuery("SELECT " + ROW + ", " + which + " END FROM " + INCOMING
                     + " WHERE " + anyUnfit(targets) + " ORDER BY " + ROW)) {
            while (unfit.next()) {
                Row row = rows.get(unfit.getInt(1));
                int column = unfit.getInt(2);
                Target target = targets.get(column);
                boolean missing = row.record().get(column) == null;
                refusals.add(new Refusal(row, missing
                        ? new RejectReason("not-null", target.name(), "null in NOT NULL column " + target.name(), null)
                        : new RejectReason("type:" + target.type(), target.name(), "value does not fit column "
                        + target.name() + " of type " + target.type(), null)));
            }
        }
        return refusals;
    }

    private static String anyUnfit(List<Target> targets) {
        return targets.isEmpty() ? "false" : IntStream.range(0, targets.size()).mapToObj(i -> unfit(targets.get(i), i))
                .collect(Collectors.joining(" OR "));
    }

    /** Null where the column needs a value, or a value its type cannot take. */
    private static String unfit(Target target, int index) {
        String value = "v" + index;
        String cast = "TRY_CAST(" + value + " AS " + target.type() + ") IS NULL";
        return target.nullable() ? "(" + value + " IS NOT NULL AND " + cast + ")" : "(" + value + " IS NULL OR " + cast + ")";
    }

    /** DuckDB reads a BLOB from text with each byte escaped as \xHH; other values as PostgreSQL's COPY would write them. */
    private static String text(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        Schema type = SqlTypes.nonNull(schema);
        if (type.getLogicalType() == null && (type.getType() == Schema.Type.BYTES || type.getType() == Schema.Type.FIXED)) {
            byte[] bytes = value instanceof GenericFixed fixed ? fixed.bytes() : bytes((ByteBuffer) value);
            StringBuilder escaped = new StringBuilder();
            for (byte b : bytes) {
                escaped.append(String.format("\\x%02X", b));
            }
            return escaped.toString();
        }
        return CopyText.text(value, type);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
