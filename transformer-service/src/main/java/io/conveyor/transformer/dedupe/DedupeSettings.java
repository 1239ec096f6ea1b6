package io.conveyor.transformer.dedupe;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and with how much memory the dedupe stores keep their local index.
 *
 * @param directory        parent directory of every task's local index; its content is rebuilt from the
 *                         changelog topics, so it need not survive a restart
 * @param cacheBytes       the RocksDB block cache shared by all tasks of the instance (off-heap)
 * @param writeBufferBytes RocksDB write buffers (memtables) of all tasks together, charged to the cache
 */
public record DedupeSettings(Path directory, long cacheBytes, long writeBufferBytes) {

    public DedupeSettings {
        Objects.requireNonNull(directory, "directory");
        if (writeBufferBytes < 1 || cacheBytes <= writeBufferBytes) {
            throw new IllegalArgumentException("the dedupe write buffers (" + writeBufferBytes
                    + " bytes) must be positive and smaller than the cache they are charged to (" + cacheBytes + " bytes)");
        }
    }
}
