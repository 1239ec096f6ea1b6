package io.conveyor.e2e.harness;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The local PostgreSQL the loader writes into, one schema per test that is dropped afterwards. */
public final class TargetDatabase implements AutoCloseable {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public static final String USER = "postgres";

    private final String schema;

    public TargetDatabase(String schema) {
        this.schema = schema;
        execute("CREATE SCHEMA " + schema);
    }

    public String schema() {
        return schema;
    }

    /**
     * Creates the customers table before the first run so it carries a CHECK the loader must
     * respect: the loader copies the constraint to its staging table and dead-letters the rows
     * PostgreSQL refuses.
     */
    public void createCustomers(String table) {
        execute("CREATE TABLE " + schema + "." + table + " (id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL,"
                + " amount numeric(12,2) NOT NULL CONSTRAINT amount_below_limit CHECK (" + CustomerCsv.CHECK + "))");
    }

    /** Rows and content checksum (see {@link CustomerCsv#rowHash}) of the whole table. */
    public Content content(String table) {
        String sql = "SELECT count(*), coalesce(sum(('x' || substr(md5(id || '|' || name || '|' || email || '|' || amount::text), 1, 15))"
                + "::bit(60)::bigint), 0) FROM " + schema + "." + table;
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return new Content(result.getLong(1), result.getBigDecimal(2).toBigIntegerExact());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + schema + "." + table, e);
        }
    }

    /** Records of {@code runId} the loader has committed into its staging table so far (its progress table). */
    public long loadedSoFar(String runId) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('" + schema + ".conveyor_progress') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet result = statement.executeQuery("SELECT coalesce(sum(records), 0) FROM " + schema
                    + ".conveyor_progress WHERE run_id = '" + runId + "'")) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the loader's progress of " + runId + " in " + schema, e);
        }
    }

    public record Content(long rows, BigInteger checksum) {
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, "");
    }

    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
