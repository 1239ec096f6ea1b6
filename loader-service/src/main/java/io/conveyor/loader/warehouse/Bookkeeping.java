package io.conveyor.loader.warehouse;

import io.conveyor.dataplane.PartitionTally;
import io.conveyor.loader.table.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The loader's own tables in the target database, written in the same transactions as the data:
 * consumed offsets, per-partition run progress, runs (their staging table and state) and the
 * outbox of Kafka records (dead letters, status reports) to publish after commit (see {@link Outbox}).
 */
public final class Bookkeeping {

    private final Connection connection;
    private final String group;
    private final String schema;
    private final Dialect dialect;

    public Bookkeeping(Connection connection, String group, String schema, Dialect dialect) {
        this.connection = connection;
        this.group = group;
        this.schema = schema;
        this.dialect = dialect;
    }

    /** One run's progress in one input partition, as stored. */
    public record Progress(PartitionTally input, long rejected, long loaded, boolean done) {

        public static final Progress NONE = new Progress(PartitionTally.NONE, 0, 0, false);
    }

    /** A run's counts summed over its input partitions. */
    public record Totals(long records, long rejected, long loaded) {
    }

    public void createTables() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Concurrent CREATE ... IF NOT EXISTS can still collide in the catalog; instances take turns.
            dialect.lockShape(connection, "conveyor bookkeeping");
            for (String sql : dialect.prepareSchema(schema)) {
                statement.execute(sql);
            }
            statement.execute("CREATE TABLE IF NOT EXISTS " + t("conveyor_offsets") + " (consumer_group text NOT NULL,"
                    + " topic text NOT NULL, partition integer NOT NULL, next_offset bigint NOT NULL,"
                    + " PRIMARY KEY (consumer_group, topic, partition))");
            statement.execute("CREATE TABLE IF NOT EXISTS " + t("conveyor_progress") + " (consumer_group text NOT NULL,"
                    + " run_id text NOT NULL, topic text NOT NULL, partition integer NOT NULL, records bigint NOT NULL,"
                    + " rejected bigint NOT NULL, loaded bigint NOT NULL, shards integer NOT NULL, ends text NOT NULL,"
                    + " done boolean NOT NULL, PRIMARY KEY (consumer_group, run_id, topic, partition))");
            statement.execute("CREATE TABLE IF NOT EXISTS " + t("conveyor_runs") + " (consumer_group text NOT NULL,"
                    + " run_id text NOT NULL, stage_table text NOT NULL, state text NOT NULL,"
                    + " PRIMARY KEY (consumer_group, run_id))");
            statement.execute("CREATE TABLE IF NOT EXISTS " + t("conveyor_outbox") + " (" + dialect.outboxKey(schema) + ","
                    + " consumer_group text NOT NULL, topic text NOT NULL, key bytea, value bytea, headers text NOT NULL)");
            // Outboxes made before publishing became exactly once lack the publishing order.
            statement.execute("ALTER TABLE " + t("conveyor_outbox") + " ADD COLUMN IF NOT EXISTS publish_seq bigint");
        }
        connection.commit();
    }

    public Map<TopicPartition, Long> offsets(List<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT next_offset FROM " + t("conveyor_offsets")
                + " WHERE consumer_group = ? AND topic = ? AND partition = ?")) {
            for (TopicPartition partition : partitions) {
                select.setString(1, group);
                select.setString(2, partition.topic());
                select.setInt(3, partition.partition());
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        offsets.put(partition, rows.getLong(1));
                    }
                }
            }
        }
        return offsets;
    }

    /**
     * Moves the partition's stored offset from {@code expected} (null: none stored yet) to
     * {@code next}. Answers false when the stored offset is not the expected one: another consumer
     * took the partition over and moved on, so this transaction must not commit.
     */
    public boolean advanceOffset(TopicPartition partition, Long expected, long next) throws SQLException {
        String sql = expected == null
                ? "INSERT INTO " + t("conveyor_offsets") + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
                : "UPDATE " + t("conveyor_offsets") + " SET next_offset = ? WHERE consumer_group = ? AND topic = ?"
                        + " AND partition = ? AND next_offset = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (expected == null) {
                statement.setString(1, group);
                statement.setString(2, partition.topic());
                statement.setInt(3, partition.partition());
                statement.setLong(4, next);
            } else {
                statement.setLong(1, next);
                statement.setString(2, group);
                statement.setString(3, partition.topic());
                statement.setInt(4, partition.partition());
                statement.setLong(5, expected);
            }
            return statement.executeUpdate() == 1;
        }
    }

    public Progress progress(String runId, TopicPartition partition) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT records, rejected, loaded, shards, ends, done FROM "
                + t("conveyor_progress") + " WHERE consumer_group = ? AND run_id = ? AND topic = ? AND partition = ?")) {
            bindProgressKey(select, runId, partition);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Progress.NONE;
                }
                return new Progress(new PartitionTally(rows.getLong(1), rows.getInt(4), decodeEnds(rows.getString(5))),
                        rows.getLong(2), rows.getLong(3), rows.getBoolean(6));
            }
        }
    }

    public void saveProgress(String runId, TopicPartition partition, Progress progress) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + t("conveyor_progress")
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (consumer_group, run_id, topic, partition) DO UPDATE SET"
                + " records = EXCLUDED.records, rejected = EXCLUDED.rejected, loaded = EXCLUDED.loaded,"
                + " shards = EXCLUDED.shards, ends = EXCLUDED.ends, done = EXCLUDED.done")) {
            bindProgressKey(upsert, runId, partition);
            upsert.setLong(5, progress.input().records());
            upsert.setLong(6, progress.rejected());
            upsert.setLong(7, progress.loaded());
            upsert.setInt(8, progress.input().shards());
            upsert.setString(9, encodeEnds(progress.input().ends()));
            upsert.setBoolean(10, progress.done());
            upsert.executeUpdate();
        }
    }

    /** How many input partitions of the run are done, counted while holding the run's row lock. */
    public int donePartitionsLocked(String runId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT state FROM " + t("conveyor_runs")
                + " WHERE consumer_group = ? AND run_id = ?" + dialect.exclusiveRowLock())) {
            lock.setString(1, group);
            lock.setString(2, runId);
            lock.executeQuery().close();
        }
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + t("conveyor_progress")
                + " WHERE consumer_group = ? AND run_id = ? AND done")) {
            count.setString(1, group);
            count.setString(2, runId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The run's counts over all its input partitions; call it holding the run's row lock to see them all. */
    public Totals totals(String runId) throws SQLException {
        try (PreparedStatement sum = connection.prepareStatement("SELECT coalesce(sum(records), 0), coalesce(sum(rejected), 0),"
                + " coalesce(sum(loaded), 0) FROM " + t("conveyor_progress") + " WHERE consumer_group = ? AND run_id = ?")) {
            sum.setString(1, group);
            sum.setString(2, runId);
            try (ResultSet rows = sum.executeQuery()) {
                rows.next();
                return new Totals(rows.getLong(1), rows.getLong(2), rows.getLong(3));
            }
        }
    }

    /**
     * Registers the run with its staging table, once, and answers its state under a share lock
     * on the run's row: loaders of the run's partitions do not block each other, while aborting
     * the run (an update) waits for them and they see it aborted afterwards.
     */
    public String openRun(String runId, String stageTable) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + t("conveyor_runs")
                + " VALUES (?, ?, ?, 'OPEN') ON CONFLICT (consumer_group, run_id) DO NOTHING")) {
            insert.setString(1, group);
            insert.setString(2, runId);
            insert.setString(3, stageTable);
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT state FROM " + t("conveyor_runs")
                + " WHERE consumer_group = ? AND run_id = ?" + dialect.sharedRowLock())) {
            select.setString(1, group);
            select.setString(2, runId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    public void setRunState(String runId, String state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + t("conveyor_runs")
                + " SET state = ? WHERE consumer_group = ? AND run_id = ?")) {
            update.setString(1, state);
            update.setString(2, group);
            update.setString(3, runId);
            update.executeUpdate();
        }
    }

    /** Runs still open (staging, not merged): run id to staging table. */
    public Map<String, String> openRuns() throws SQLException {
        Map<String, String> open = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT run_id, stage_table FROM " + t("conveyor_runs")
                + " WHERE consumer_group = ? AND state = 'OPEN'")) {
            select.setString(1, group);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    open.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return open;
    }

    private void bindProgressKey(PreparedStatement statement, String runId, TopicPartition partition) throws SQLException {
        statement.setString(1, group);
        statement.setString(2, runId);
        statement.setString(3, partition.topic());
        statement.setInt(4, partition.partition());
    }

    private String t(String table) {
        return q(schema) + "." + q(table);
    }

    private static String q(String identifier) {
        return Identifiers.quote(identifier);
    }

    /** "shard:count,shard:count" */
    static String encodeEnds(Map<Integer, Long> ends) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(ends).forEach((shard, count) -> text.append(text.isEmpty() ? "" : ",").append(shard).append(':').append(count));
        return text.toString();
    }

    static Map<Integer, Long> decodeEnds(String text) {
        Map<Integer, Long> ends = new TreeMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split(",")) {
                String[] parts = pair.split(":");
                ends.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
            }
        }
        return ends;
    }
}
