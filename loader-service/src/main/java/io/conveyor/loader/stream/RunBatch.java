package io.conveyor.loader.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** One run's records in one poll, by input partition, in offset order. */
final class RunBatch {

    private final LoadPlan plan;
    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();

    RunBatch(LoadPlan plan) {
        this.plan = plan;
    }

    void add(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
        records.computeIfAbsent(partition, key -> new ArrayList<>()).add(record);
    }

    LoadPlan plan() {
        return plan;
    }

    Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records() {
        return records;
    }
}
