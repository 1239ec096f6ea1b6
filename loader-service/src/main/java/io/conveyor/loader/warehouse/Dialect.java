package io.conveyor.loader.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.avro.Schema;

/** The SQL that differs between warehouses; everything else the loader writes is plain SQL. */
public interface Dialect {

    /** The column type of a field's (non-null) Avro schema. */
    String columnType(Schema schema);

    /** Statements creating the schema and whatever the outbox's generated key needs, before the bookkeeping tables. */
    List<String> prepareSchema(String schema);

    /** The outbox's generated, increasing key column. */
    String outboxKey(String schema);

    /** Makes concurrent shape changes of the named tables take turns until the transaction ends. */
    void lockShape(Connection connection, String name) throws SQLException;

    /** Appended to a SELECT of a run's row: a lock that lets loaders share the run but waits for its abort. */
    String sharedRowLock();

    /** Appended to a SELECT of a run's row: the lock under which exactly one transaction sees every partition done. */
    String exclusiveRowLock();

    /**
     * Creates the empty staging table {@code schema.stageTable} with the columns of
     * {@code schema.targetTable}, their NOT NULL and, where the database can copy them, the
     * target's CHECK constraints.
     */
    void createStage(Connection connection, String schema, String stageTable, String targetTable) throws SQLException;

    /**
     * @param rowRetryBudget rows refused one after another for the same reason, with none loaded in
     *                       between, after which the writer fails the batch (see {@link RefusalStreak})
     */
    RowWriter rowWriter(Connection connection, int rowRetryBudget) throws SQLException;

    /** Whether retrying the transaction may cure the failure (connection loss, conflicts, lack of resources). */
    boolean isTransient(SQLException e);
}
