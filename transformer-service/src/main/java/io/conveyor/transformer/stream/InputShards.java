package io.conveyor.transformer.stream;

import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Numbers the input partitions of a task 0..n-1 (by topic, then partition): a transformer's shard
 * is its input partition, so this numbering is the {@code conveyor.shard} of the END markers it
 * forwards and the {@code partition} of its PARTITION_DONE reports.
 */
record InputShards(List<TopicPartition> partitions) {

    InputShards {
        partitions = partitions.stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList();
    }

    int shard(TopicPartition partition) {
        int shard = partitions.indexOf(partition);
        if (shard < 0) {
            throw new IllegalStateException(partition + " is not an input partition of this task");
        }
        return shard;
    }

    int count() {
        return partitions.size();
    }
}
