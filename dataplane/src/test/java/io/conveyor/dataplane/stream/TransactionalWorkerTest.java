package io.conveyor.dataplane.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.DeadLetters;
import io.conveyor.dataplane.failure.FailurePolicy;
import io.conveyor.dataplane.metrics.DataPathMetrics;
import io.conveyor.dataplane.metrics.TaskMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.conveyor.deadletter.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker loop on Kafka's mock clients: what it does with stray records and with errors. */
class TransactionalWorkerTest {

    private static final String INPUT = "conveyor.data.p.extract";
    private static final String QUARANTINE = "conveyor.data.quarantine";
    private static final String STATUS = "status";
    private static final TopicPartition PARTITION = new TopicPartition(INPUT, 0);
    private static final FailurePolicy QUICK = new FailurePolicy(2, Duration.ofMillis(10), Duration.ofMillis(20),
            Duration.ofSeconds(5), 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final AtomicLong quarantined = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TaskMetrics metrics = new DataPathMetrics(meters, "transform").task("p", "clean");
    private Thread thread;
    private TransactionalWorker worker;

    /** Processes records of the runs it knows, holds the others; or throws what {@link #error} makes. */
    private static final class Handler implements RecordHandler {
        final List<String> known;
        final List<Long> processed = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger startFailures = new AtomicInteger();
        final AtomicInteger restoreFailures = new AtomicInteger();
        final List<TopicPartition> restored = new CopyOnWriteArrayList<>();
        volatile RuntimeException error;
        /** Where each processed record is counted, as the transformer's and loader's handlers do through TaskOutput. */
        volatile TaskMetrics counting;
        volatile Runnable beforeEach = () -> {
        };

        Handler(String... known) {
            this.known = List.of(known);
        }

        @Override
        public Step process(ConsumerRecord<byte[], byte[]> record, int shard, int shards, Map<String, RunProgress> ledger,
                            Consumer<ProducerRecord<byte[], byte[]>> output) {
            calls.incrementAndGet();
            beforeEach.run();
            if (error != null) {
                throw error;
            }
            if (!known.contains(DataHeaders.text(record.headers(), DataHeaders.RUN_ID))) {
                return Step.HOLD;
            }
            processed.add(record.offset());
            if (counting != null) {
                counting.pending(1, 0, 0);
            }
            return Step.DONE;
        }

        @Override
        public void prune(int shard, Map<String, RunProgress> ledger) {
        }

        @Override
        public void started(int shards) {
            if (startFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("cannot read the end offset of the changelog",
                        new UnknownTopicOrPartitionException("This server does not host this topic-partition."));
            }
        }

        @Override
        public void assigned(TopicPartition partition, int shard, long committedOffset) {
            if (restoreFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("cannot restore the dedupe keys of shard " + shard,
                        new UnknownTopicOrPartitionException("This server does not host this topic-partition."));
            }
            restored.add(partition);
        }

        @Override
        public void failed(String message, Consumer<ProducerRecord<byte[], byte[]>> output) {
            output.accept(new ProducerRecord<>(STATUS, DataHeaders.bytes("run-1 FAILED: " + message)));
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.stop();
            thread.join(5_000);
        }
    }

    @Test
    void aRecordWithoutRunHeaderIsQuarantinedAtOnceAndThePartitionMovesOn() throws Exception {
        Handler handler = new Handler("run-1");
        start(handler, QUICK, Duration.ofMinutes(10), record(0, null), record(1, "run-1"));

        awaitCommitted(2);

        assertThat(handler.processed).containsExactly(1L);
        assertThat(quarantined.get()).isEqualTo(1);
        ProducerRecord<byte[], byte[]> letter = sentTo(QUARANTINE).get(0);
        assertThat(new String(letter.value())).isEqualTo("value-0");
        assertThat(DataHeaders.text(letter.headers(), DeadLetters.TOPIC)).isEqualTo(INPUT);
        assertThat(DataHeaders.text(letter.headers(), DeadLetters.OFFSET)).isEqualTo("0");
        assertThat(DataHeaders.text(letter.headers(), DeadLetters.EXCEPTION_CLASS)).isEqualTo(StrayRecords.NO_RUN_HEADER);
        assertThat(DataHeaders.text(letter.headers(), DeadLetters.STAGE)).isEqualTo("TRANSFORM");
    }

    @Test
    void recordsAreCountedOnceWhenTheirTransactionCommitsAndNotForAnAbortedTry() throws Exception {
        Handler handler = new Handler("run-1");
        handler.counting = metrics;
        // The first transaction's commit times out (transient): it is aborted and its two records processed again.
        producer.commitTransactionException = new TimeoutException("the commit timed out");
        handler.beforeEach = () -> {
            if (handler.calls.get() > 2) {
                producer.commitTransactionException = null;
            }
        };
        start(handler, QUICK, Duration.ofMinutes(10), record(0, "run-1"), record(1, "run-1"));

        awaitCommitted(2);

        assertThat(handler.processed).containsExactly(0L, 1L, 0L, 1L);
        assertThat(meters.get(DataPathMetrics.RECORDS).tags("pipeline", "p", "task", "clean", "outcome", "in").counter().count())
                .isEqualTo(2.0);
        assertThat(meters.get(DataPathMetrics.RECORDS).tags("outcome", "out").counter().count()).isEqualTo(2.0);
        assertThat(meters.get(DataPathMetrics.RECORDS).tags("outcome", "rejected").counter().count()).isZero();
        assertThat(meters.get(DataPathMetrics.BATCHES).tags("stage", "transform").timer().count()).isEqualTo(1);
    }

    @Test
    void aRecordOfAnUnknownRunWaitsItsPatienceThenIsQuarantinedAndTheRunBehindItCompletes() throws Exception {
        Handler handler = new Handler("run-1");
        long started = System.nanoTime();
        start(handler, QUICK, Duration.ofMillis(700), record(0, "ghost"), record(1, "run-1"));

        awaitCommitted(2);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(handler.processed).containsExactly(1L);
        ProducerRecord<byte[], byte[]> letter = sentTo(QUARANTINE).get(0);
        assertThat(DataHeaders.text(letter.headers(), DataHeaders.RUN_ID)).isEqualTo("ghost");
        assertThat(DataHeaders.text(letter.headers(), DeadLetters.EXCEPTION_CLASS)).isEqualTo(StrayRecords.UNKNOWN_RUN);
        assertThat(DataHeaders.text(letter.headers(), DeadLetters.EXCEPTION_MESSAGE)).contains("run ghost", "700 ms");
        assertThat(quarantined.get()).isEqualTo(1);
    }

    @Test
    void aFatalErrorFailsTheOpenRunsWithItsCauseAndStopsTheWorker() throws Exception {
        Handler handler = new Handler("run-1");
        handler.error = new IllegalStateException("a plug-in bug");
        start(handler, QUICK, Duration.ofMinutes(10), record(0, "run-1"));

        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(handler.calls.get()).as("not retried").isEqualTo(1);
        assertThat(new String(sentTo(STATUS).get(0).value()))
                .contains("run-1 FAILED", "java.lang.IllegalStateException: a plug-in bug");
    }

    @Test
    void transientErrorsAreRetriedWithinThePolicyThenTheTaskFails() throws Exception {
        Handler handler = new Handler("run-1");
        handler.error = new UnknownTopicOrPartitionException("metadata not there yet");
        start(handler, QUICK, Duration.ofMinutes(10), record(0, "run-1"));

        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(handler.calls.get()).as("the first try and maxRetries retries").isEqualTo(3);
        assertThat(new String(sentTo(STATUS).get(0).value())).contains("3 times in a row",
                "UnknownTopicOrPartitionException: metadata not there yet");
    }

    @Test
    void aWorkerStartingBeforeItsChangelogIsKnownRetriesAndThenWorks() throws Exception {
        Handler handler = new Handler("run-1");
        handler.startFailures.set(2);
        start(handler, QUICK, Duration.ofMinutes(10), record(0, "run-1"));

        awaitCommitted(1);

        assertThat(handler.processed).containsExactly(0L);
        assertThat(sentTo(STATUS)).isEmpty();
    }

    @Test
    void aPartitionWhoseRestoreFailedInTheRebalanceIsRestoredBeforeItsRecordsAreProcessed() throws Exception {
        Handler handler = new Handler("run-1");
        handler.restoreFailures.set(1);
        start(handler, QUICK, Duration.ofMinutes(10), record(0, "run-1"));

        awaitCommitted(1);

        assertThat(handler.restored).containsExactly(PARTITION);
        assertThat(handler.processed).containsExactly(0L);
        assertThat(sentTo(STATUS)).isEmpty();
    }

    private void start(Handler handler, FailurePolicy policy, Duration patience, ConsumerRecord<byte[], byte[]>... records) {
        consumer.updatePartitions(INPUT, List.of(new PartitionInfo(INPUT, 0, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(PARTITION)));
        // MockConsumer hands each added record out once; a log hands out whatever is past the position, after every
        // seek back: so the records are offered again before each poll.
        consumer.schedulePollTask(new Runnable() {
            @Override
            public void run() {
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    consumer.addRecord(record);
                }
                consumer.schedulePollTask(this);
            }
        });
        worker = new TransactionalWorker(consumer, producer, List.of(INPUT), handler, metrics, () -> 0L, policy,
                new StrayRecords(QUARANTINE, Stage.TRANSFORM, "p", "clean", patience, null, quarantined));
        thread = new Thread(worker, "worker-under-test");
        thread.start();
    }

    private void awaitCommitted(long offset) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = producer.consumerGroupOffsetsHistory().stream().flatMap(group -> group.values().stream())
                    .flatMap(offsets -> offsets.values().stream()).anyMatch(committed -> committed.offset() == offset);
            if (done) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("offset " + offset + " was never committed; sent " + producer.history());
    }

    private List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
        return producer.history().stream().filter(record -> record.topic().equals(topic)).toList();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String runId) {
        RecordHeaders headers = new RecordHeaders();
        if (runId != null) {
            headers.add(new RecordHeader(DataHeaders.RUN_ID, DataHeaders.bytes(runId)));
        }
        return new ConsumerRecord<>(INPUT, 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0,
                DataHeaders.bytes("key-" + offset), DataHeaders.bytes("value-" + offset), headers, java.util.Optional.empty());
    }
}
