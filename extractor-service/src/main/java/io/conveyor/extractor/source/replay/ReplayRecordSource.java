package io.conveyor.extractor.source.replay;

import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.replay.ReplayHeaders;
import io.conveyor.dataplane.replay.ReplaySlice;
import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The source of an extract task in a replay run: the run's slice of the replays topic, read with
 * {@code read_committed} (the slice was written in the transaction that claimed the letters, so it
 * is whole once the run exists), keeping the records this task writes. Its position is the next
 * offset to read, so a restarted attempt resumes after the last committed batch like a file source.
 */
public final class ReplayRecordSource implements RecordSource {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final ReplaySlice slice;
    private final String runId;
    private final String taskId;
    private final Duration timeout;
    private final Deque<ConsumerRecord<byte[], byte[]>> polled = new ArrayDeque<>();
    private long position;

    /**
     * @param consumer   a consumer of its own (no group), closed with the source
     * @param resumeFrom the position of the last committed batch, empty on a fresh start
     * @param timeout    how long the slice may take to become readable before the attempt fails
     */
    public ReplayRecordSource(Consumer<byte[], byte[]> consumer, String topic, ReplaySlice slice, String runId, String taskId,
                              Optional<String> resumeFrom, Duration timeout) {
        this.consumer = consumer;
        this.partition = new TopicPartition(topic, slice.partition());
        this.slice = slice;
        this.runId = runId;
        this.taskId = taskId;
        this.timeout = timeout;
        this.position = resumeFrom.map(Long::parseLong).orElse(slice.from());
        consumer.assign(List.of(partition));
        consumer.seek(partition, position);
    }

    @Override
    public Optional<SourceItem> next() {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            while (!polled.isEmpty()) {
                ConsumerRecord<byte[], byte[]> record = polled.poll();
                position = record.offset() + 1;
                if (record.offset() >= slice.to()) {
                    polled.clear();
                    position = slice.to();
                    return Optional.empty();
                }
                if (mine(record)) {
                    return Optional.of(item(record));
                }
            }
            if (position >= slice.to()) {
                return Optional.empty();
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                polled.add(record);
            }
            if (polled.isEmpty()) {
                // Transaction markers take offsets too: the consumer's position can pass the slice without a record.
                position = Math.max(position, consumer.position(partition));
                if (position < slice.to() && Instant.now().isAfter(deadline)) {
                    throw new TimeoutException("the replay slice " + partition + " " + slice.text() + " of run " + runId
                            + " was not readable within " + timeout.toSeconds() + " s (reached offset " + position + ")");
                }
            }
        }
    }

    private boolean mine(ConsumerRecord<byte[], byte[]> record) {
        return runId.equals(DataHeaders.text(record.headers(), DataHeaders.RUN_ID))
                && taskId.equals(DataHeaders.text(record.headers(), ReplayHeaders.EXTRACT_TASK));
    }

    /** The record as the task writes it: its key, value and replay headers; the run and task headers are the task's own. */
    private static SourceItem item(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (ReplayHeaders.isReplayHeader(header.key()) && !header.key().equals(ReplayHeaders.EXTRACT_TASK)) {
                headers.add(header);
            }
        }
        return new SourceItem.Replayed(record.key(), record.value(), headers);
    }

    @Override
    public String position() {
        return Long.toString(position);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
