package io.conveyor.extractor.command;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which command offsets may be committed: a partition's offset advances only past commands that are
 * done, so a command still running (or queued) when the instance dies is delivered again.
 * Thread-safe: the consumer thread receives, the worker finishes.
 */
final class OffsetTracker {

    private final Map<TopicPartition, TreeMap<Long, Boolean>> pending = new HashMap<>();

    synchronized void received(TopicPartition partition, long offset) {
        pending.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, false);
    }

    synchronized void done(TopicPartition partition, long offset) {
        TreeMap<Long, Boolean> offsets = pending.get(partition);
        if (offsets != null && offsets.containsKey(offset)) {
            offsets.put(offset, true);
        }
    }

    /** The offsets to commit now (next offset to read per partition), forgetting the finished prefix. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        pending.forEach((partition, offsets) -> {
            Long next = null;
            while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
                next = offsets.pollFirstEntry().getKey() + 1;
            }
            if (next != null) {
                commits.put(partition, new OffsetAndMetadata(next));
            }
        });
        return commits;
    }

    synchronized void forget(TopicPartition partition) {
        pending.remove(partition);
    }
}
