package io.conveyor.loader.warehouse;

import io.conveyor.loader.table.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The group's Kafka records (dead letters, status reports) waiting in {@code conveyor_outbox} to
 * be published. Loaders add records in their load transactions; the group's single publisher
 * numbers them in publishing order ({@code publish_seq}) before sending them, so the sequence
 * number of the last record Kafka committed tells which records are out, whatever failed after.
 */
public final class Outbox {

    private final Connection connection;
    private final String group;
    private final String table;

    public Outbox(Connection connection, String group, String schema) {
        this.connection = connection;
        this.group = group;
        this.table = Identifiers.qualified(schema, "conveyor_outbox");
    }

    /** A record to publish, numbered in publishing order. */
    public record Numbered(long sequence, String topic, byte[] key, byte[] value, String headers) {
    }

    public void enqueue(String topic, byte[] key, byte[] value, String headers) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (consumer_group, topic, key, value, headers) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, group);
            insert.setString(2, topic);
            insert.setBytes(3, key);
            insert.setBytes(4, value);
            insert.setString(5, headers);
            insert.executeUpdate();
        }
    }

    /**
     * Numbers up to {@code limit} committed records not numbered yet, in the order they were
     * added, from {@code next} on or past the highest number given so far. Only the group's
     * publisher calls it, so numbers only grow.
     */
    public void number(long next, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        long first = next;
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + table
                + " WHERE consumer_group = ? AND publish_seq IS NULL ORDER BY id LIMIT ?");
             PreparedStatement highest = connection.prepareStatement("SELECT max(publish_seq) FROM " + table
                     + " WHERE consumer_group = ?")) {
            select.setString(1, group);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            highest.setString(1, group);
            try (ResultSet rows = highest.executeQuery()) {
                if (rows.next() && rows.getObject(1) != null) {
                    first = Math.max(first, rows.getLong(1) + 1);
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET publish_seq = ? WHERE id = ?")) {
            for (Long id : ids) {
                update.setLong(1, first++);
                update.setLong(2, id);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Numbered records from {@code from} on, in publishing order. */
    public List<Numbered> numbered(long from, int limit) throws SQLException {
        List<Numbered> records = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT publish_seq, topic, key, value, headers FROM "
                + table + " WHERE consumer_group = ? AND publish_seq >= ? ORDER BY publish_seq LIMIT ?")) {
            select.setString(1, group);
            select.setLong(2, from);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    records.add(new Numbered(rows.getLong(1), rows.getString(2), rows.getBytes(3), rows.getBytes(4),
                            rows.getString(5)));
                }
            }
        }
        return records;
    }

    /** Deletes the records numbered below {@code watermark}: Kafka has them. */
    public void deletePublished(long watermark) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                + " WHERE consumer_group = ? AND publish_seq < ?")) {
            delete.setString(1, group);
            delete.setLong(2, watermark);
            delete.executeUpdate();
        }
    }
}
