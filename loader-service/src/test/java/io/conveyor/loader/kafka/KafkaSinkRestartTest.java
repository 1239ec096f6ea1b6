package io.conveyor.loader.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.loader.sink.SinkFixture;
import io.conveyor.pipeline.spec.sink.KafkaSink;
import io.conveyor.testkit.CommittedRecords;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
        return CommittedRecords.readAll(stack, topic);
    }
}
