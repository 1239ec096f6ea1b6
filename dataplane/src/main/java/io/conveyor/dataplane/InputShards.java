package io.conveyor.dataplane;

import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Numbers the input partitions of a task 0..n-1 (by topic, then partition): a consuming stage's
 * shard is its input partition, so this numbering is the {@code conveyor.shard} of the END markers
 * it forwards and the {@code partition} of its PARTITION_DONE reports.
 */
public record InputShards(List<TopicPartition> partitions) {

    public InputShards {
        partitions = partitions.stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList();
    }

    public int shard(TopicPartition partition) {
        int shard = partitions.indexOf(partition);
        if (shard < 0) {
            throw new IllegalStateException(partition + " is not an input partition of this task");
        }
        return shard;
    }

    public int count() {
        return partitions.size();
    }
}
