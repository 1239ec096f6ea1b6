package io.conveyor.loader.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.loader.sink.SinkFixture;
import io.conveyor.pipeline.spec.sink.KafkaSink;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class KafkaSinkRestartTest {

    private static final int RECORDS = 300;

    private final ConveyorStack stack;

    KafkaSinkRestartTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @Test
    void aLoaderStoppedMidRunAndReplacedWritesEveryRecordExactlyOnce() throws Exception {
        SinkFixture fixture = new SinkFixture(stack);
        String target = fixture.names.prefix() + ".restarted";
        stack.createTopics(2, target);
        fixture.command("people@k-r", new KafkaSink(target));
        List<DataTopics.Data> records = new ArrayList<>();
        for (int id = 0; id < RECORDS; id++) {
            records.add(new DataTopics.Data(id % 2, Integer.toString(id), SinkFixture.person(id, "p" + id, "1")));
        }
        fixture.topics.produceRun(fixture.input, "people@k-r", "clean", 2, records);

        try (ApplicationContext first = fixture.application()) {
            fixture.topics.readUntil(target, written -> !written.isEmpty());
        }
        try (ApplicationContext second = fixture.application()) {
            fixture.awaitDone("people@k-r", 2);
        }

        List<Object> ids = committed(target).stream()
                .map(record -> ((GenericRecord) fixture.topics.generic(record)).get("id")).toList();
        assertThat(ids).hasSize(RECORDS).doesNotHaveDuplicates();
    }

    /** Every committed record of the topic, up to its last stable offset. */
    private List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
