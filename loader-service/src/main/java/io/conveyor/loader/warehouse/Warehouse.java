package io.conveyor.loader.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database the loader writes into: how to reach it and what it can do. The loading algorithm
 * (offsets, progress, outbox, staging and merge in one transaction per poll) is the same for
 * every warehouse; only what is behind this port and its {@link Dialect} differs.
 */
public interface Warehouse {

    /** Names the database; all runs of a load task must load into the same one. */
    String identity();

    /** The SQL schema holding the target, staging and bookkeeping tables. */
    String schema();

    Dialect dialect();

    /** A connection in manual-commit mode; give it back with {@link #disconnect}. */
    Connection connect() throws SQLException;

    void disconnect(Connection connection);

    /**
     * Held around each of a loader's transactions. A database that serializes writers itself
     * (PostgreSQL, with row and advisory locks) answers a no-op; one without those locks makes
     * the loaders sharing it in this JVM take turns.
     */
    Turn turn();

    /**
     * Tries to become the only publisher of the group's outbox; the claim lasts until
     * {@link #resignPublisher} or the end of the connection's session.
     */
    boolean claimPublisher(Connection connection, String group) throws SQLException;

    void resignPublisher(Connection connection, String group) throws SQLException;

    /** A held turn; closing it lets the next transaction go. */
    interface Turn extends AutoCloseable {

        Turn NONE = () -> {
        };

        @Override
        void close();
    }
}
