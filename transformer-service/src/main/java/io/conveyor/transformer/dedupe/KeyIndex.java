package io.conveyor.transformer.dedupe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * A local RocksDB set of byte keys. It is a cache of the changelog topic, rebuilt from it whenever
 * a partition is assigned, so it is opened empty, written without write-ahead log and deleted on close.
 */
final class KeyIndex implements AutoCloseable {

    static final byte[] PRESENT = {1};


    private final Path directory;
    private final BloomFilter filter;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;

    private KeyIndex(Path directory, BloomFilter filter, Options options, RocksDB db) {
        this.directory = directory;
        this.filter = filter;
        this.options = options;
        this.db = db;
        this.writeOptions = new WriteOptions().setDisableWAL(true);
    }

    static KeyIndex open(Path directory, Cache cache, WriteBufferManager buffers, long writeBufferBytes) {
        deleteRecursively(directory);
        BloomFilter filter = new BloomFilter(10);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setCacheIndexAndFilterBlocks(true)
                .setFilterPolicy(filter);
        Options options = new Options()
                .setCreateIfMissing(true)
                .setWriteBufferManager(buffers)
                .setWriteBufferSize(Math.max(1, writeBufferBytes / 2))
                .setMaxWriteBufferNumber(2)
                .setMaxOpenFiles(256)
                .setTableFormatConfig(table);
        try {
            Files.createDirectories(directory);
            return new KeyIndex(directory, filter, options, RocksDB.open(options, directory.toString()));
        } catch (RocksDBException e) {
            options.close();
            filter.close();
            throw new DedupeStoreException("cannot open the dedupe index in " + directory, e);
        } catch (IOException e) {
            options.close();
            filter.close();
            throw new UncheckedIOException("cannot create the dedupe index directory " + directory, e);
        }
    }

    boolean contains(byte[] key) {
        try {
            return db.keyMayExist(key, null) && db.get(key) != null;
        } catch (RocksDBException e) {
            throw new DedupeStoreException("cannot read the dedupe index in " + directory, e);
        }
    }

    void write(WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new DedupeStoreException("cannot write the dedupe index in " + directory, e);
        }
    }

    /** Every key in {@code [from, to)}, in order. */
    void forEachInRange(byte[] from, byte[] to, Consumer<byte[]> action) {
        try (Slice upper = new Slice(to);
             ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator keys = db.newIterator(read)) {
            for (keys.seek(from); keys.isValid(); keys.next()) {
                action.accept(keys.key());
            }
            keys.status();
        } catch (RocksDBException e) {
            throw new DedupeStoreException("cannot scan the dedupe index in " + directory, e);
        }
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
        filter.close();
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the dedupe index directory " + directory, e);
        }
    }
}
