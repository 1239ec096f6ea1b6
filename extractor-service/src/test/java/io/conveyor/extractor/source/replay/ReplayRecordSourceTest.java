package io.conveyor.extractor.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.ServiceClients;
import io.conveyor.dataplane.replay.ReplayHeaders;
import io.conveyor.dataplane.replay.ReplaySlice;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The replay run's source on the real broker: its slice, its records, resumable; nothing else. */
@ExtendWith(ConveyorStackExtension.class)
class ReplayRecordSourceTest {

    private static final String RUN = "orders@m-replay";

    private final ConveyorStack stack;
    private final String topic = ConveyorStack.uniqueName("replays");

    ReplayRecordSourceTest(ConveyorStack stack) {
        this.stack = stack;
        stack.createTopics(1, topic);
    }

    @Test
    void itReadsTheRecordsOfItsRunAndTaskInItsSliceAndSkipsAbortedAndForeignOnes() throws Exception {
        send(List.of(record("other@m-1", "extract", "before")), true);
        ReplaySlice slice = send(List.of(record(RUN, "extract", "a"), record(RUN, "extract-2", "not mine"),
                record("other@m-2", "extract", "other run"), record(RUN, "extract", "b")), true);
        send(List.of(record(RUN, "extract", "aborted")), false);
        send(List.of(record(RUN, "extract", "after the slice")), true);

        List<String> values = new ArrayList<>();
        try (ReplayRecordSource source = source(slice, Optional.empty())) {
            for (Optional<SourceItem> item = source.next(); item.isPresent(); item = source.next()) {
                SourceItem.Replayed replayed = (SourceItem.Replayed) item.get();
                values.add(new String(replayed.value()));
                assertThat(DataHeaders.text(replayed.headers(), ReplayHeaders.ROUTE)).isEqualTo("clean");
                assertThat(replayed.headers().lastHeader(DataHeaders.RUN_ID)).as("the task writes its own").isNull();
                assertThat(replayed.headers().lastHeader(ReplayHeaders.EXTRACT_TASK)).isNull();
            }
        }

        assertThat(values).containsExactly("a", "b");
    }

    @Test
    void aRestartedAttemptResumesAfterThePositionOfItsLastCommittedBatch() throws Exception {
        ReplaySlice slice = send(List.of(record(RUN, "extract", "a"), record(RUN, "extract", "b"),
                record(RUN, "extract", "c")), true);
        String position;
        try (ReplayRecordSource source = source(slice, Optional.empty())) {
            assertThat(source.next()).isPresent();
            position = source.position();
        }

        List<String> rest = new ArrayList<>();
        try (ReplayRecordSource source = source(slice, Optional.of(position))) {
            for (Optional<SourceItem> item = source.next(); item.isPresent(); item = source.next()) {
                rest.add(new String(((SourceItem.Replayed) item.get()).value()));
            }
            assertThat(source.position()).isEqualTo(Long.toString(slice.to()));
        }
        assertThat(rest).containsExactly("b", "c");
    }

    private ReplayRecordSource source(ReplaySlice slice, Optional<String> resumeFrom) {
        return new ReplayRecordSource(ServiceClients.readCommittedConsumer(stack.clientConfig()), topic, slice, RUN, "extract",
                resumeFrom, Duration.ofSeconds(30));
    }

    private static ProducerRecord<byte[], byte[]> record(String run, String task, String value) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("unset", 0, null, value.getBytes());
        record.headers().add(DataHeaders.RUN_ID, DataHeaders.bytes(run));
        record.headers().add(ReplayHeaders.EXTRACT_TASK, DataHeaders.bytes(task));
        record.headers().add(ReplayHeaders.ROUTE, DataHeaders.bytes("clean"));
        return record;
    }

    /** Writes the records in one transaction, committed or aborted; answers the slice they took. */
    private ReplaySlice send(List<ProducerRecord<byte[], byte[]>> records, boolean commit) throws Exception {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            List<RecordMetadata> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, 0, record.key(), record.value(), record.headers())).get());
            }
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
            return new ReplaySlice(0, sent.get(0).offset(), sent.get(sent.size() - 1).offset() + 1);
        }
    }
}
