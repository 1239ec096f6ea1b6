package io.conveyor.loader.postgres;

import io.conveyor.loader.warehouse.Dialect;
import io.conveyor.loader.warehouse.Warehouse;
import io.conveyor.pipeline.spec.sink.PostgresSink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL database named by a {@code postgres} sink. Concurrent loaders, in any number of
 * processes, are kept apart by PostgreSQL's row and advisory locks.
 */
public final class PostgresWarehouse implements Warehouse {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresWarehouse.class);
    private static final Dialect DIALECT = new PostgresDialect();

    private final PostgresSink sink;
    private final Map<String, String> environment;

    /** @param environment where the password named by the sink's {@code passwordEnv} is looked up */
    public PostgresWarehouse(PostgresSink sink, Map<String, String> environment) {
        this.sink = sink;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String identity() {
        return sink.url() + " as " + sink.user().orElse("(default user)");
    }

    @Override
    public String schema() {
        return sink.schema();
    }

    @Override
    public Dialect dialect() {
        return DIALECT;
    }

    @Override
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        sink.user().ifPresent(user -> properties.setProperty("user", user));
        sink.password().ifPresent(password -> properties.setProperty("password", password.reveal(environment)));
        Connection connection = DriverManager.getConnection(sink.url(), properties);
        connection.setAutoCommit(false);
        return connection;
    }

    @Override
    public void disconnect(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the connection to {} failed: {}", identity(), e.toString());
        }
    }

    @Override
    public Turn turn() {
        return Turn.NONE;
    }

    /** A session advisory lock: it ends with the connection, so a publisher that dies frees it. */
    @Override
    public boolean claimPublisher(Connection connection, String group) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, publisherLock(group));
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    @Override
    public void resignPublisher(Connection connection, String group) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            unlock.setString(1, publisherLock(group));
            unlock.executeQuery().close();
        }
    }

    private String publisherLock(String group) {
        return "conveyor outbox " + sink.schema() + " " + group;
    }
}
