package io.conveyor.loader.duckdb;

import io.conveyor.loader.warehouse.Dialect;
import io.conveyor.loader.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded warehouse: a DuckDB database file written by this JVM only. DuckDB has no row or
 * advisory locks, so the loaders sharing the file take turns for each transaction, which also
 * gives each transaction the view the locks give under PostgreSQL; a second process cannot open
 * the file while this one has it.
 */
public final class DuckDbWarehouse implements Warehouse {

    public static final String SCHEMA = "main";
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbWarehouse.class);
    private static final Dialect DIALECT = new DuckDbDialect();

    private final Path file;
    private final Set<String> claimed = new HashSet<>();
    private DuckDbFiles.Database database;
    private int connections;

    public DuckDbWarehouse(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    @Override
    public String identity() {
        return "duckdb:" + file;
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public Dialect dialect() {
        return DIALECT;
    }

    @Override
    public synchronized Connection connect() throws SQLException {
        if (database == null) {
            database = DuckDbFiles.acquire(file);
        }
        connections++;
        return database.connect();
    }

    /** Like a PostgreSQL session ending, the last connection's end frees the publisher claims. */
    @Override
    public synchronized void disconnect(Connection connection) {
        try {
            connection.close();
            connections--;
            if (connections == 0) {
                claimed.forEach(database::resign);
                claimed.clear();
                DuckDbFiles.release(database);
                database = null;
            }
        } catch (SQLException e) {
            LOG.warn("closing the connection to {} failed: {}", identity(), e.toString());
        }
    }

    @Override
    public Turn turn() {
        DuckDbFiles.Database shared = connected();
        shared.turn().lock();
        return shared.turn()::unlock;
    }

    @Override
    public synchronized boolean claimPublisher(Connection connection, String group) {
        boolean claim = connected().claim(group);
        if (claim) {
            claimed.add(group);
        }
        return claim;
    }

    @Override
    public synchronized void resignPublisher(Connection connection, String group) {
        if (claimed.remove(group)) {
            connected().resign(group);
        }
    }

    private synchronized DuckDbFiles.Database connected() {
        if (database == null) {
            throw new IllegalStateException("not connected to " + identity());
        }
        return database;
    }
}
