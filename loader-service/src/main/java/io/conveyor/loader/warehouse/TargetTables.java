package io.conveyor.loader.warehouse;

import io.conveyor.loader.table.Column;
import io.conveyor.loader.table.Identifiers;
import io.conveyor.loader.table.SqlTypes;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WriteMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The target table of a load task and the per-run staging tables in front of it. Tables are made
 * from the records' Avro schema and gain a (nullable) column when a record schema brings a new
 * field; a column is never dropped or retyped. A staging table copies the target's columns (and,
 * where the {@link Dialect} can, its NOT NULL and CHECK constraints, so a row the target would
 * refuse is refused on its way in) plus the input position of each row.
 */
public final class TargetTables {

    public static final String PARTITION = "conveyor_partition";
    public static final String OFFSET = "conveyor_offset";

    private final Connection connection;
    private final String schema;
    private final Dialect dialect;
    private final Map<String, Set<String>> knownColumns = new HashMap<>();

    public TargetTables(Connection connection, String schema, Dialect dialect) {
        this.connection = connection;
        this.schema = schema;
        this.dialect = dialect;
    }

    /** Creates or evolves the target and the run's staging table so both have every field of {@code record}. */
    public void prepare(TableTarget target, String stageTable, Schema record) throws SQLException {
        List<Column> columns = SqlTypes.columns(record, dialect::columnType);
        if (complete(target.table(), columns) && complete(stageTable, columns)) {
            return;
        }
        lockShapeOf(target.table());
        if (columns(target.table()).isEmpty()) {
            createTarget(target, columns);
        }
        addMissing(target.table(), columns);
        if (columns(stageTable).isEmpty()) {
            dialect.createStage(connection, schema, stageTable, target.table());
            execute("ALTER TABLE " + table(stageTable) + " ADD COLUMN " + PARTITION + " integer");
            execute("ALTER TABLE " + table(stageTable) + " ADD COLUMN " + OFFSET + " bigint");
            knownColumns.remove(stageTable);
        }
        addMissing(stageTable, columns);
    }

    private boolean complete(String table, List<Column> columns) throws SQLException {
        Set<String> existing = columns(table);
        return columns.stream().allMatch(column -> existing.contains(column.name()));
    }

    /**
     * Instances loading other partitions of the same run change the same tables; a transaction
     * lock per target table makes them take turns, and the shapes are read again under it.
     */
    private void lockShapeOf(String targetTable) throws SQLException {
        dialect.lockShape(connection, "conveyor table " + schema + "." + targetTable);
        knownColumns.clear();
    }

    /** Forgets cached table shapes; after a rollback they may be wrong. */
    public void forget() {
        knownColumns.clear();
    }

    /**
     * Moves a finished run's rows into the target in the transaction of the caller, then drops
     * the staging table: append keeps input order, upsert keeps the last row per key, replace
     * swaps the target's contents.
     */
    public void merge(TableTarget target, String stageTable) throws SQLException {
        if (columns(stageTable).isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>(columns(stageTable));
        columns.removeAll(List.of(PARTITION, OFFSET));
        String list = columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        if (target.mode() == WriteMode.REPLACE) {
            execute("DELETE FROM " + table(target.table()));
        }
        if (target.mode() == WriteMode.UPSERT) {
            execute(upsert(target, stageTable, columns, list));
        } else {
            execute("INSERT INTO " + table(target.table()) + " (" + list + ") SELECT " + list + " FROM " + table(stageTable)
                    + " ORDER BY " + PARTITION + ", " + OFFSET);
        }
        drop(stageTable);
    }

    public void drop(String stageTable) throws SQLException {
        execute("DROP TABLE IF EXISTS " + table(stageTable));
        knownColumns.remove(stageTable);
    }

    private String table(String name) {
        return Identifiers.qualified(schema, name);
    }

    private String upsert(TableTarget target, String stageTable, List<String> columns, String list) {
        String key = target.key().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        String updates = columns.stream().filter(column -> !target.key().contains(column))
                .map(column -> Identifiers.quote(column) + " = EXCLUDED." + Identifiers.quote(column))
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table(target.table()) + " (" + list + ") SELECT DISTINCT ON (" + key + ") " + list
                + " FROM " + table(stageTable) + " ORDER BY " + key + ", " + PARTITION + " DESC, " + OFFSET + " DESC"
                + " ON CONFLICT (" + key + ") DO " + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates);
    }

    private void createTarget(TableTarget target, List<Column> columns) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(target.table())).append(" (");
        ddl.append(columns.stream().map(Column::definition).collect(Collectors.joining(", ")));
        if (target.mode() == WriteMode.UPSERT) {
            ddl.append(", PRIMARY KEY (").append(target.key().stream().map(Identifiers::quote)
                    .collect(Collectors.joining(", "))).append(')');
        }
        execute(ddl.append(')').toString());
        knownColumns.remove(target.table());
    }

    private void addMissing(String table, List<Column> columns) throws SQLException {
        Set<String> existing = columns(table);
        for (Column column : columns) {
            if (!existing.contains(column.name())) {
                execute("ALTER TABLE " + table(table) + " ADD COLUMN IF NOT EXISTS " + Identifiers.quote(column.name())
                        + " " + column.sqlType());
                knownColumns.remove(table);
            }
        }
    }

    Set<String> columns(String table) throws SQLException {
        Set<String> cached = knownColumns.get(table);
        if (cached != null) {
            return cached;
        }
        Set<String> columns = new LinkedHashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            select.setString(1, schema);
            select.setString(2, table);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        if (!columns.isEmpty()) {
            knownColumns.put(table, columns);
        }
        return columns;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
