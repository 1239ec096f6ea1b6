package io.conveyor.dataplane.stream;

import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.DeadLetters;
import io.conveyor.deadletter.Stage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import io.conveyor.kafka.TopicCreator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data records no run claims, so that none can park its partition: a record without a
 * {@code conveyor.run-id} header is quarantined at once; one whose run has no command waits
 * {@code patience} for it (the command may lag behind its first records), then is quarantined.
 * The quarantine topic ({@code {prefix}.data.quarantine}) gets the record as consumed (key, value,
 * headers) plus Kafka Connect's error headers saying where it was and why, the way Connect's
 * dead-letter queue keeps records it cannot convert; it is not the pipeline's dead-letter topic,
 * whose values are Avro {@code DeadLetter}s of a known run. One instance per worker thread.
 */
public final class StrayRecords {

    private static final Logger LOG = LoggerFactory.getLogger(StrayRecords.class);

    /** The {@code __connect.errors.exception.class.name} of a quarantined record: what kind of stray it was. */
    public static final String NO_RUN_HEADER = "conveyor.NoRunHeader";
    public static final String UNKNOWN_RUN = "conveyor.UnknownRun";

    private final String quarantineTopic;
    private final Stage stage;
    private final String pipeline;
    private final String taskId;
    private final Duration patience;
    private final Map<String, Object> clientConfig;
    private final LongSupplier nanoTime;
    private final AtomicLong counter;
    private final Map<TopicPartition, Held> held = new HashMap<>();
    private long pending;
    private boolean topicReady;

    private record Held(long offset, long since) {
    }

    /**
     * @param clientConfig creates the quarantine topic (broker defaults) the first time a record goes there; null
     *                     when something else creates it
     * @param counter      counts the records quarantined in committed transactions (shared by a service's workers)
     */
    public StrayRecords(String quarantineTopic, Stage stage, String pipeline, String taskId, Duration patience,
                        Map<String, Object> clientConfig, AtomicLong counter, LongSupplier nanoTime) {
        this.quarantineTopic = quarantineTopic;
        this.stage = stage;
        this.pipeline = pipeline;
        this.taskId = taskId;
        this.patience = patience;
        this.clientConfig = clientConfig;
        this.counter = counter;
        this.nanoTime = nanoTime;
    }

    public StrayRecords(String quarantineTopic, Stage stage, String pipeline, String taskId, Duration patience,
                        Map<String, Object> clientConfig, AtomicLong counter) {
        this(quarantineTopic, stage, pipeline, taskId, patience, clientConfig, counter, System::nanoTime);
    }

    public static boolean hasRun(ConsumerRecord<?, ?> record) {
        return DataHeaders.has(record.headers(), DataHeaders.RUN_ID);
    }

    /**
     * The record's run has no command: answers whether it has waited long enough. The first call for
     * a record starts its wait, so a partition is held once per record, however often it is polled.
     */
    public boolean waitedEnough(ConsumerRecord<?, ?> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Held current = held.get(partition);
        long now = nanoTime.getAsLong();
        if (current == null || current.offset() != record.offset()) {
            held.put(partition, new Held(record.offset(), now));
            return patience.isZero();
        }
        return now - current.since() >= patience.toNanos();
    }

    /** The partition moved past its held record (its run appeared): its wait is over. */
    public void released(TopicPartition partition) {
        held.remove(partition);
    }

    /** The partitions whose held record has waited out its patience: they must be polled again to quarantine it. */
    public Set<TopicPartition> due() {
        long now = nanoTime.getAsLong();
        return held.entrySet().stream().filter(entry -> now - entry.getValue().since() >= patience.toNanos())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    public void revoked(TopicPartition partition) {
        held.remove(partition);
    }

    /** The record for the quarantine topic, sent in the caller's transaction; logged with its position. */
    public ProducerRecord<byte[], byte[]> quarantine(ConsumerRecord<byte[], byte[]> record) {
        String runId = DataHeaders.text(record.headers(), DataHeaders.RUN_ID);
        String kind = runId == null ? NO_RUN_HEADER : UNKNOWN_RUN;
        String reason = runId == null
                ? "no " + DataHeaders.RUN_ID + " header: the record belongs to no run"
                : "run " + runId + " has no " + taskId + " command after " + patience.toMillis() + " ms: no such run here";
        LOG.warn("quarantining {}-{}@{} of task {}.{} to {}: {}", record.topic(), record.partition(), record.offset(),
                pipeline, taskId, quarantineTopic, reason);
        ensureTopic();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        add(headers, DeadLetters.TOPIC, record.topic());
        add(headers, DeadLetters.PARTITION, Integer.toString(record.partition()));
        add(headers, DeadLetters.OFFSET, Long.toString(record.offset()));
        add(headers, DeadLetters.CONNECTOR, pipeline);
        add(headers, DeadLetters.TASK_ID, taskId);
        add(headers, DeadLetters.STAGE, stage.name());
        add(headers, DeadLetters.EXCEPTION_CLASS, kind);
        add(headers, DeadLetters.EXCEPTION_MESSAGE, reason);
        held.remove(new TopicPartition(record.topic(), record.partition()));
        pending++;
        return new ProducerRecord<>(quarantineTopic, null, record.key(), record.value(), headers);
    }

    /** The records quarantined in the transaction that just committed now count. */
    public void committed() {
        counter.addAndGet(pending);
        pending = 0;
    }

    public void aborted() {
        pending = 0;
    }

    private void ensureTopic() {
        if (topicReady || clientConfig == null) {
            return;
        }
        try {
            TopicCreator.ensure(clientConfig, Duration.ofSeconds(60),
                    List.of(new NewTopic(quarantineTopic, Optional.empty(), Optional.empty())));
        } catch (TopicCreator.TopicCreationException e) {
            throw new IllegalStateException("cannot create the quarantine topic " + quarantineTopic + ": " + e.getMessage(), e);
        }
        topicReady = true;
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.add(new RecordHeader(key, DataHeaders.bytes(value)));
    }
}
