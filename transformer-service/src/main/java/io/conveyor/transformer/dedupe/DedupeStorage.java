package io.conveyor.transformer.dedupe;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Opens the dedupe stores of an instance's tasks. They share one block cache, to which their
 * write buffers are charged, so the instance's off-heap memory for dedupe stays within
 * {@link DedupeSettings#cacheBytes()} however many keys and tasks there are.
 */
public final class DedupeStorage implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private final DedupeSettings settings;
    private final Map<String, Object> clientConfig;
    private final Admin admin;
    private final Cache cache;
    private final WriteBufferManager buffers;

    public DedupeStorage(DedupeSettings settings, Map<String, Object> clientConfig, Admin admin) {
        this.settings = settings;
        this.clientConfig = Map.copyOf(clientConfig);
        this.admin = admin;
        this.cache = new LRUCache(settings.cacheBytes());
        this.buffers = new WriteBufferManager(settings.writeBufferBytes(), cache);
    }

    /**
     * @param name     unique on this machine (the task's transactional id): the local index's directory
     * @param producer the task's transactional producer, which writes the changelog in its transactions
     */
    public DedupeStore open(String name, String changelog, Producer<byte[], byte[]> producer) {
        KeyIndex index = KeyIndex.open(settings.directory().resolve(name), cache, buffers, settings.writeBufferBytes());
        return new DedupeStore(changelog, index, producer, restorer(), admin);
    }

    private KafkaConsumer<byte[], byte[]> restorer() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        buffers.close();
        cache.close();
    }
}
