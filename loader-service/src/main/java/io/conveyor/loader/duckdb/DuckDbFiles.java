package io.conveyor.loader.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * The DuckDB databases open in this JVM, one instance per file. DuckDB lets one process write a
 * file, so every loader of this JVM that writes into it shares the instance and takes
 * connections from it; the last one to leave closes it.
 */
final class DuckDbFiles {

    private static final Map<Path, Database> OPEN = new HashMap<>();

    private DuckDbFiles() {
    }

    /** A shared instance, with what the loaders sharing it coordinate on. */
    static final class Database {

        private final Path file;
        private final DuckDBConnection root;
        /** Fair, so no loader waits forever for its turn to write. */
        private final ReentrantLock turn = new ReentrantLock(true);
        private final Set<String> publishers = new HashSet<>();
        private int users;

        private Database(Path file, DuckDBConnection root) {
            this.file = file;
            this.root = root;
        }

        Connection connect() throws SQLException {
            Connection connection = root.duplicate();
            connection.setAutoCommit(false);
            return connection;
        }

        ReentrantLock turn() {
            return turn;
        }

        synchronized boolean claim(String group) {
            return publishers.add(group);
        }

        synchronized void resign(String group) {
            publishers.remove(group);
        }
    }

    static synchronized Database acquire(Path file) throws SQLException {
        Database database = OPEN.get(file);
        if (database == null) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new SQLException("cannot create the directory of the warehouse " + file, e);
            }
            database = new Database(file, (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file));
            OPEN.put(file, database);
        }
        database.users++;
        return database;
    }

    static synchronized void release(Database database) throws SQLException {
        database.users--;
        if (database.users == 0) {
            OPEN.remove(database.file);
            database.root.close();
        }
    }
}
