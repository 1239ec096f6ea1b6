package io.conveyor.extractor.batch;

import io.conveyor.schemas.TopicNames;
import io.conveyor.control.TaskStatusType;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.DeadLetters;
import io.conveyor.dataplane.EndMarker;
import io.conveyor.dataplane.RejectReason;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.extractor.checkpoint.Checkpoint;
import io.conveyor.extractor.checkpoint.KeyedTopics;
import io.conveyor.extractor.checkpoint.Watermark;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.extractor.task.ExtractTask;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/** Builds every record the extractor produces for one task attempt, serialized and with its headers. */
final class OutputRecords {

    /** On a dead letter whose original was cut to fit: the original's full length. */
    static final String TRUNCATED_HEADER = "conveyor.original-truncated";

    private final ExtractTask task;
    private final TopicNames topics;
    private final StatusRecords statuses;
    private final Serializer<Object> avro;
    private final Clock clock;

    OutputRecords(ExtractTask task, TopicNames topics, String statusTopic, String instance, Serializer<Object> avro,
                  Clock clock) {
        this.task = task;
        this.topics = topics;
        this.statuses = new StatusRecords(statusTopic, instance, avro);
        this.avro = avro;
        this.clock = clock;
    }

    ProducerRecord<byte[], byte[]> data(GenericRecord record, Optional<String> key, int partition) {
        return new ProducerRecord<>(task.outputTopic(), partition, key.map(OutputRecords::utf8).orElse(null),
                avro.serialize(task.outputTopic(), record), runHeaders());
    }

    /** A replayed letter's record, as it was rejected, headed with this task's run and its replay route and lineage. */
    ProducerRecord<byte[], byte[]> replayed(SourceItem.Replayed replayed, int partition) {
        RecordHeaders headers = runHeaders();
        replayed.headers().forEach(headers::add);
        return new ProducerRecord<>(task.outputTopic(), partition, replayed.key(), replayed.value(), headers);
    }

    /**
     * The dead letter of {@code rejected}. When it would be larger than {@code maxBytes}, the original
     * keeps only its first bytes and the header {@link #TRUNCATED_HEADER} gives its full length, so
     * that the reject itself never fails the transaction.
     */
    ProducerRecord<byte[], byte[]> deadLetter(SourceItem.Rejected rejected, int maxBytes) {
        ProducerRecord<byte[], byte[]> letter = deadLetter(rejected, rejected.original());
        if (size(letter) <= maxBytes) {
            return letter;
        }
        // Half the limit leaves room for the message, the position and the headers around the bytes.
        byte[] head = Arrays.copyOf(rejected.original(), Math.min(rejected.original().length, maxBytes / 2));
        ProducerRecord<byte[], byte[]> truncated = deadLetter(rejected, head);
        truncated.headers().add(TRUNCATED_HEADER, utf8(rejected.original().length + " bytes, first " + head.length + " kept"));
        return truncated;
    }

    /** Bytes a record takes in a request, near enough to compare with a limit: key, value and headers. */
    static int size(ProducerRecord<byte[], byte[]> record) {
        int size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    private ProducerRecord<byte[], byte[]> deadLetter(SourceItem.Rejected rejected, byte[] original) {
        DeadLetter letter = DeadLetters.letter(Stage.EXTRACT, task.pipeline(), task.runId(), task.taskId(), task.attempt(),
                rejected.sourcePosition(), original,
                new RejectReason(null, null, rejected.message(), rejected.exceptionClass()), clock.instant());
        return new ProducerRecord<>(task.deadLetterTopic(), null, null, (byte[]) null,
                avro.serialize(task.deadLetterTopic(), letter), DeadLetters.headers(letter, runHeaders()));
    }

    /** This task is the only shard (0 of 1) of its output: the extractor reads each source in one piece. */
    ProducerRecord<byte[], byte[]> endMarker(int partition, long count) {
        Iterable<Header> marker = new EndMarker(task.runId(), task.taskId(), 0, 1, count).headers();
        return new ProducerRecord<>(task.outputTopic(), partition, null, (byte[]) null, (byte[]) null, marker);
    }

    ProducerRecord<byte[], byte[]> checkpoint(Checkpoint checkpoint, int partitions) {
        String key = task.checkpointKey();
        return new ProducerRecord<>(topics.checkpoints(), KeyedTopics.partition(key, partitions), utf8(key), checkpoint.toJson());
    }

    ProducerRecord<byte[], byte[]> watermark(String value, int partitions) {
        String key = task.watermarkKey();
        return new ProducerRecord<>(topics.watermarks(), KeyedTopics.partition(key, partitions), utf8(key),
                new Watermark(value, task.runId()).toJson());
    }

    ProducerRecord<byte[], byte[]> status(TaskStatusType state, ExtractionProgress progress, String message) {
        return statuses.status(task.pipeline(), task.runId(), task.taskId(), task.attempt(), state, progress.counts(), message,
                clock.instant());
    }

    private RecordHeaders runHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DataHeaders.RUN_ID, utf8(task.runId()));
        headers.add(DataHeaders.TASK, utf8(task.taskId()));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
