package io.conveyor.loader.stream;

import io.conveyor.loader.warehouse.Outbox;
import io.conveyor.loader.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a load group's outbox exactly once. One instance of the group at a time is the
 * publisher (a claim in the warehouse, held until it fails or stops). It numbers the committed
 * outbox records in a short database transaction, sends them in one Kafka transaction of the
 * producer {@code <group>.outbox} together with the watermark "last number + 1" as the
 * committed offset of the pseudo consumer group {@code <group>.outbox}, and deletes them from
 * the outbox afterwards. A new publisher, or this one after any failure, first fences the
 * previous producer (which aborts its open transaction), reads the watermark and deletes the
 * records below it unsent: Kafka has them. Records numbered but above the watermark are sent
 * again in the same order; they were never committed to Kafka.
 */
final class OutboxPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int RECORDS_PER_TRANSACTION = 1000;

    private final String group;
    private final String publisherGroup;
    private final Warehouse warehouse;
    private final Connection connection;
    private final Outbox outbox;
    private final Supplier<KafkaProducer<byte[], byte[]>> producers;
    private final Supplier<KafkaConsumer<byte[], byte[]>> watermarkReaders;
    private final TopicPartition watermarkPartition;
    private final Runnable afterKafkaCommit;
    private boolean publisher;
    private KafkaProducer<byte[], byte[]> producer;
    private long watermark;

    /**
     * @param producers          makes the transactional producer {@code <group>.outbox}
     * @param watermarkReaders   makes a read_committed consumer of the group {@code <group>.outbox}
     * @param watermarkPartition the real partition under which the watermark is stored as an offset
     * @param afterKafkaCommit   runs between the Kafka commit and the outbox delete; tests make it fail there
     */
    OutboxPublisher(String group, Warehouse warehouse, Connection connection, Outbox outbox,
                    Supplier<KafkaProducer<byte[], byte[]>> producers,
                    Supplier<KafkaConsumer<byte[], byte[]>> watermarkReaders, TopicPartition watermarkPartition,
                    Runnable afterKafkaCommit) {
        this.group = group;
        this.publisherGroup = publisherGroup(group);
        this.warehouse = warehouse;
        this.connection = connection;
        this.outbox = outbox;
        this.producers = producers;
        this.watermarkReaders = watermarkReaders;
        this.watermarkPartition = watermarkPartition;
        this.afterKafkaCommit = afterKafkaCommit;
    }

    /** The transactional id and pseudo consumer group of a load group's publisher. */
    static String publisherGroup(String group) {
        return group + ".outbox";
    }

    /**
     * One round: claims the publisher role if no one has it, then publishes what is committed.
     * A failure gives the role up, so the next round, here or on another instance, starts over
     * from Kafka's watermark.
     */
    void publish() {
        try {
            if (!publisher && !takeOver()) {
                return;
            }
            List<Outbox.Numbered> waiting;
            try (Warehouse.Turn turn = warehouse.turn()) {
                outbox.number(watermark, RECORDS_PER_TRANSACTION);
                connection.commit();
                waiting = outbox.numbered(watermark, RECORDS_PER_TRANSACTION);
                connection.commit();
            }
            if (waiting.isEmpty()) {
                return;
            }
            long next = send(waiting);
            watermark = next;
            afterKafkaCommit.run();
            try (Warehouse.Turn turn = warehouse.turn()) {
                outbox.deletePublished(watermark);
                connection.commit();
            }
        } catch (SQLException | KafkaException e) {
            LOG.warn("publishing the outbox of {} failed; giving up the publisher role: {}", group, e.toString());
            resign();
        } catch (RuntimeException e) {
            LOG.error("publishing the outbox of {} failed; giving up the publisher role", group, e);
            resign();
        }
    }

    private boolean takeOver() throws SQLException {
        try (Warehouse.Turn turn = warehouse.turn()) {
            publisher = warehouse.claimPublisher(connection, group);
            connection.commit();
        }
        if (!publisher) {
            return false;
        }
        producer = producers.get();
        producer.initTransactions();
        try (KafkaConsumer<byte[], byte[]> reader = watermarkReaders.get()) {
            OffsetAndMetadata committed = reader.committed(Set.of(watermarkPartition), Duration.ofMinutes(1))
                    .get(watermarkPartition);
            watermark = committed == null ? 0 : committed.offset();
        }
        try (Warehouse.Turn turn = warehouse.turn()) {
            outbox.deletePublished(watermark);
            connection.commit();
        }
        LOG.info("publishing the outbox of {} from watermark {}", group, watermark);
        return true;
    }

    /** Sends the records and the watermark in one Kafka transaction; answers the new watermark. */
    private long send(List<Outbox.Numbered> records) {
        long next = records.get(records.size() - 1).sequence() + 1;
        producer.beginTransaction();
        for (Outbox.Numbered record : records) {
            producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(),
                    OutboxHeaders.decode(record.headers())));
        }
        producer.sendOffsetsToTransaction(Map.of(watermarkPartition, new OffsetAndMetadata(next)),
                new ConsumerGroupMetadata(publisherGroup));
        producer.commitTransaction();
        return next;
    }

    private void resign() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback after the failed outbox round of {} failed: {}", group, e.toString());
        }
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        if (publisher) {
            publisher = false;
            try (Warehouse.Turn turn = warehouse.turn()) {
                warehouse.resignPublisher(connection, group);
                connection.commit();
            } catch (SQLException e) {
                LOG.warn("giving up the publisher role of {} failed (it ends with the connection): {}", group, e.toString());
            }
        }
    }

    @Override
    public void close() {
        resign();
    }
}
