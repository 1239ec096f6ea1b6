package io.conveyor.loader.sink;

import org.apache.kafka.common.TopicPartition;

/**
 * Where an input record is: its partition, that partition's shard number among the task's input
 * partitions (see {@link io.conveyor.dataplane.InputShards}), and its offset.
 */
public record InputPosition(TopicPartition partition, int shard, int shards, long offset) {

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
