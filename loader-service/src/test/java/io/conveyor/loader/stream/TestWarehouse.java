package io.conveyor.loader.stream;

import io.conveyor.loader.duckdb.DuckDbWarehouse;
import io.conveyor.pipeline.spec.sink.PostgresSink;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WarehouseSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/** A database of its own for one test: the sink that loads into it and connections to look at it. */
public interface TestWarehouse extends AutoCloseable {

    SinkSpec sink(TableTarget target);

    /** The loader's default warehouse file, if the test loads into it. */
    Optional<Path> defaultWarehouse();

    /** A connection in auto-commit mode. */
    Connection connect() throws SQLException;

    void disconnect(Connection connection) throws SQLException;

    /** Whether the error says a table does not exist (any more). */
    boolean isMissingTable(SQLException e);

    @Override
    void close() throws SQLException;

    /** A PostgreSQL database created on the local server and dropped afterwards. */
    static TestWarehouse postgres() throws SQLException {
        String admin = "jdbc:postgresql://127.0.0.1:5432/test";
        String database = "loader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = "jdbc:postgresql://127.0.0.1:5432/" + database;
        execute(admin, "CREATE DATABASE " + database);
        return new TestWarehouse() {
            @Override
            public SinkSpec sink(TableTarget target) {
                return new PostgresSink(url, Optional.of("postgres"), Optional.empty(), "public", target);
            }

            @Override
            public Optional<Path> defaultWarehouse() {
                return Optional.empty();
            }

            @Override
            public Connection connect() throws SQLException {
                return DriverManager.getConnection(url, "postgres", null);
            }

            @Override
            public void disconnect(Connection connection) throws SQLException {
                connection.close();
            }

            @Override
            public boolean isMissingTable(SQLException e) {
                return "42P01".equals(e.getSQLState());
            }

            @Override
            public void close() throws SQLException {
                execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        };
    }

    /** The embedded warehouse: a DuckDB file in {@code directory}, the loader's default warehouse. */
    static TestWarehouse duckdb(Path directory) {
        Path file = directory.resolve("warehouse.duckdb");
        DuckDbWarehouse warehouse = new DuckDbWarehouse(file);
        return new TestWarehouse() {
            @Override
            public SinkSpec sink(TableTarget target) {
                return new WarehouseSink(Optional.empty(), target);
            }

            @Override
            public Optional<Path> defaultWarehouse() {
                return Optional.of(file);
            }

            @Override
            public Connection connect() throws SQLException {
                Connection connection = warehouse.connect();
                connection.setAutoCommit(true);
                return connection;
            }

            @Override
            public void disconnect(Connection connection) {
                warehouse.disconnect(connection);
            }

            @Override
            public boolean isMissingTable(SQLException e) {
                return String.valueOf(e.getMessage()).startsWith("Catalog Error");
            }

            @Override
            public void close() {
            }
        };
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
