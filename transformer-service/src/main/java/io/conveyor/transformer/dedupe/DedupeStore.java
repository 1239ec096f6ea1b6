package io.conveyor.transformer.dedupe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seen keys of one transform task on this instance, durable and exactly-once with the task's
 * Kafka transactions. A key first seen in input shard s is sent to partition s of the task's
 * compacted changelog topic by the task's transactional producer, so it is committed or aborted
 * together with the output and the consumed offsets. A local RocksDB index answers look-ups; it
 * holds only committed keys of the shards this instance owns: keys of the open transaction are kept
 * aside until {@link #commit()}, dropped by {@link #abort()}; a shard's keys are restored from the
 * changelog ({@code read_committed}, to its end) when the shard is assigned and dropped when it is
 * revoked. Keys of a run are deleted (tombstones) when the run's shard completes.
 *
 * <p>Used by the task's worker thread only. The worker chooses the shard with {@link #inPartition(int)}
 * before handing a partition's records to the rules, because the rules are built once per run while
 * the partition changes from batch to batch.
 */
public final class DedupeStore implements SeenKeys, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DedupeStore.class);
    private static final Duration RESTORE_POLL = Duration.ofMillis(200);
    /** Longer than the default transaction timeout (60 s), after which the broker aborts a zombie's transaction. */
    private static final Duration OPEN_TRANSACTION_PATIENCE = Duration.ofSeconds(90);

    private record Range(byte[] from, byte[] to) {
    }

    private final String changelog;
    private final KeyIndex index;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> restorer;
    private final Admin admin;
    private final Map<Integer, Set<String>> pending = new HashMap<>();
    private final List<Range> forgotten = new ArrayList<>();
    private int shard = -1;

    DedupeStore(String changelog, KeyIndex index, Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> restorer,
                Admin admin) {
        this.changelog = changelog;
        this.index = index;
        this.producer = producer;
        this.restorer = restorer;
        this.admin = admin;
    }

    public String changelog() {
        return changelog;
    }

    /** Creates the changelog with one partition per input shard, or checks that it has that many. */
    public void ensureChangelog(int shards) {
        ChangelogTopic.ensure(admin, changelog, shards);
    }

    /** The shard whose records the rules see next. */
    public void inPartition(int shard) {
        this.shard = shard;
    }

    @Override
    public boolean firstTime(String runId, String key) {
        if (shard < 0) {
            throw new IllegalStateException("no input shard chosen for the dedupe store of " + changelog);
        }
        String stored = StoreKeys.runPrefix(runId) + key;
        Set<String> open = pending.computeIfAbsent(shard, any -> new HashSet<>());
        if (open.contains(stored) || index.contains(indexKey(shard, bytes(stored)))) {
            return false;
        }
        open.add(stored);
        producer.send(new ProducerRecord<>(changelog, shard, bytes(stored), KeyIndex.PRESENT));
        return true;
    }

    /**
     * Deletes the run's keys of {@code shard}, in the open transaction: the run's records of that
     * shard are all processed, so its keys will never be asked for again.
     */
    public void forgetRun(int shard, String runId) {
        byte[] prefix = indexKey(shard, bytes(StoreKeys.runPrefix(runId)));
        byte[] end = after(prefix);
        int[] deleted = {0};
        index.forEachInRange(prefix, end, key -> {
            tombstone(shard, Arrays.copyOfRange(key, Integer.BYTES, key.length));
            deleted[0]++;
        });
        Set<String> open = pending.getOrDefault(shard, Set.of());
        for (Iterator<String> keys = open.iterator(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.startsWith(StoreKeys.runPrefix(runId))) {
                tombstone(shard, bytes(key));
                keys.remove();
                deleted[0]++;
            }
        }
        if (deleted[0] > 0) {
            forgotten.add(new Range(prefix, end));
        }
        LOG.debug("run {}: deleting {} dedupe keys of {}-{}", runId, deleted[0], changelog, shard);
    }

    /** The open transaction committed: its keys become seen, its forgotten runs are gone. */
    public void commit() {
        try (WriteBatch batch = new WriteBatch()) {
            pending.forEach((keyShard, keys) -> keys.forEach(key -> put(batch, indexKey(keyShard, bytes(key)))));
            forgotten.forEach(range -> deleteRange(batch, range));
            index.write(batch);
        }
        clearTransaction();
    }

    /** The open transaction aborted: none of its keys were seen, none of its deletions happened. */
    public void abort() {
        clearTransaction();
    }

    /** Rebuilds the shard's keys from its changelog partition, up to the last committed record. */
    public void restore(int shard) {
        drop(shard);
        TopicPartition partition = new TopicPartition(changelog, shard);
        restorer.assign(List.of(partition));
        restorer.seekToBeginning(List.of(partition));
        long end = stableEnd(partition);
        long keys = 0;
        while (restorer.position(partition) < end) {
            try (WriteBatch batch = new WriteBatch()) {
                for (ConsumerRecord<byte[], byte[]> record : restorer.poll(RESTORE_POLL)) {
                    byte[] key = indexKey(shard, record.key());
                    if (record.value() == null) {
                        delete(batch, key);
                    } else {
                        put(batch, key);
                        keys++;
                    }
                }
                index.write(batch);
            }
        }
        restorer.assign(List.of());
        LOG.info("restored dedupe keys of {}-{} up to offset {} ({} key records)", changelog, shard, end, keys);
    }

    /**
     * The end to restore to: the last stable offset once no transaction that was open when asked is
     * open any more. This instance has no transaction open while partitions are assigned, so an open
     * one is the previous owner's: either committed with its markers still on their way (they follow
     * within moments, and its keys must be restored) or a zombie's (aborted by the broker at the
     * latest after its transaction timeout, since its offsets can no longer commit).
     */
    private long stableEnd(TopicPartition partition) {
        long logEnd = logEnd(partition);
        Instant deadline = Instant.now().plus(OPEN_TRANSACTION_PATIENCE);
        long stable = restorer.endOffsets(List.of(partition)).get(partition);
        while (stable < logEnd) {
            if (Instant.now().isAfter(deadline)) {
                throw new DedupeStoreException("a transaction on " + partition + " stayed open for more than "
                        + OPEN_TRANSACTION_PATIENCE + " (stable offset " + stable + ", log end " + logEnd + ")", null);
            }
            sleep(RESTORE_POLL);
            stable = restorer.endOffsets(List.of(partition)).get(partition);
        }
        return stable;
    }

    private long logEnd(TopicPartition partition) {
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                    new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).partitionResult(partition).get().offset();
        } catch (ExecutionException e) {
            throw new DedupeStoreException("cannot read the log end offset of " + partition, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DedupeStoreException("interrupted reading the log end offset of " + partition, e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DedupeStoreException("interrupted waiting for an open transaction to end", e);
        }
    }

    /** Forgets the shard locally: another instance owns it now and its changelog partition is the truth. */
    public void drop(int shard) {
        pending.remove(shard);
        try (WriteBatch batch = new WriteBatch()) {
            deleteRange(batch, new Range(shardKey(shard), shardKey(shard + 1)));
            index.write(batch);
        }
    }

    @Override
    public void close() {
        restorer.close();
        index.close();
    }

    private void clearTransaction() {
        pending.clear();
        forgotten.clear();
    }

    private void tombstone(int shard, byte[] key) {
        producer.send(new ProducerRecord<>(changelog, shard, key, null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] shardKey(int shard) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(shard).array();
    }

    private static byte[] indexKey(int shard, byte[] key) {
        return ByteBuffer.allocate(Integer.BYTES + key.length).putInt(shard).put(key).array();
    }

    /** The smallest key greater than every key starting with {@code prefix}. */
    private static byte[] after(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("a key prefix of only 0xFF bytes has no upper bound");
    }

    private void put(WriteBatch batch, byte[] key) {
        try {
            batch.put(key, KeyIndex.PRESENT);
        } catch (RocksDBException e) {
            throw new DedupeStoreException("cannot stage a dedupe key for " + changelog, e);
        }
    }

    private void delete(WriteBatch batch, byte[] key) {
        try {
            batch.delete(key);
        } catch (RocksDBException e) {
            throw new DedupeStoreException("cannot stage a dedupe key deletion for " + changelog, e);
        }
    }

    private void deleteRange(WriteBatch batch, Range range) {
        try {
            batch.deleteRange(range.from(), range.to());
        } catch (RocksDBException e) {
            throw new DedupeStoreException("cannot stage a dedupe range deletion for " + changelog, e);
        }
    }
}
