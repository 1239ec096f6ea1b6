package io.conveyor.dataplane;

import io.conveyor.control.TaskCommand;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.OriginalHeader;
import io.conveyor.deadletter.Stage;
import io.conveyor.dataplane.replay.ReplayHeaders;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records the way Kafka Connect's dead-letter queue does: the original headers
 * plus {@code __connect.errors.*} headers saying why, where and when, so tools written for Connect
 * DLQs can read them; the {@link DeadLetter} value holds the same facts and the original payload.
 * Every stage (extractor, transformer, loader) builds its dead letters here. The headers are
 * documented in one table, docs/architecture.md#dead-letters, which {@code PipelineAcceptanceIT}
 * checks every stage's dead letters against.
 */
public final class DeadLetters {

    public static final String ERRORS = "__connect.errors.";
    public static final String TOPIC = ERRORS + "topic";
    public static final String PARTITION = ERRORS + "partition";
    public static final String OFFSET = ERRORS + "offset";
    public static final String CONNECTOR = ERRORS + "connector.name";
    public static final String TASK_ID = ERRORS + "task.id";
    public static final String STAGE = ERRORS + "stage";
    public static final String EXCEPTION_CLASS = ERRORS + "exception.class.name";
    public static final String EXCEPTION_MESSAGE = ERRORS + "exception.message";
    public static final String RULE = "conveyor.errors.rule";
    public static final String FIELD = "conveyor.errors.field";
    public static final String RUN_ID = "conveyor.errors.run-id";
    /** Where in a non-Kafka source the record was (file:line, a JDBC key): the extractor's counterpart of topic/partition/offset. */
    public static final String SOURCE_POSITION = ERRORS + "source.position";

    private DeadLetters() {
    }

    /** A record consumed from Kafka (transformer, loader): where it was is its topic, partition and offset. */
    public static DeadLetter letter(Stage stage, TaskCommand command, ConsumerRecord<byte[], byte[]> source,
                                    RejectReason reason, Instant time) {
        List<OriginalHeader> originalHeaders = new ArrayList<>();
        for (Header header : source.headers()) {
            originalHeaders.add(new OriginalHeader(header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value())));
        }
        DeadLetter.Builder builder = builder(stage, command.getPipeline(), command.getRunId(), command.getTaskId(),
                command.getAttempt(), reason, time);
        ReplayHeaders.Lineage lineage = ReplayHeaders.lineage(source.headers());
        if (lineage != null) {
            // Rejected again after a replay: linked to the first letter, one replay attempt further.
            builder.setFirstLetter(lineage.firstLetter())
                    .setReplayAttempt(lineage.replayAttempt() + 1)
                    .setOriginalRunId(lineage.originalRun());
        }
        return builder
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setOriginalKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
                .setOriginalValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
                .setOriginalHeaders(originalHeaders)
                .build();
    }

    /**
     * An item of a source outside Kafka (the extractor's files, tables, HTTP APIs) that could not
     * become a record: where it was is {@code sourcePosition}, {@code original} its bytes.
     */
    public static DeadLetter letter(Stage stage, String pipeline, String runId, String taskId, int attempt,
                                    String sourcePosition, byte[] original, RejectReason reason, Instant time) {
        return builder(stage, pipeline, runId, taskId, attempt, reason, time)
                .setSourcePosition(sourcePosition)
                .setOriginalValue(original == null ? null : ByteBuffer.wrap(original))
                .build();
    }

    private static DeadLetter.Builder builder(Stage stage, String pipeline, String runId, String taskId, int attempt,
                                              RejectReason reason, Instant time) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setPipeline(pipeline)
                .setRunId(runId)
                .setTaskId(taskId)
                .setAttempt(attempt)
                .setRule(reason.rule())
                .setField(reason.field())
                .setMessage(reason.message())
                .setExceptionClass(reason.exceptionClass())
                .setTime(time);
    }

    /** The original headers followed by the error headers of {@code letter}. */
    public static Headers headers(DeadLetter letter, Headers original) {
        RecordHeaders headers = new RecordHeaders(original.toArray());
        add(headers, TOPIC, letter.getSourceTopic());
        add(headers, PARTITION, letter.getSourcePartition() == null ? null : letter.getSourcePartition().toString());
        add(headers, OFFSET, letter.getSourceOffset() == null ? null : letter.getSourceOffset().toString());
        add(headers, SOURCE_POSITION, letter.getSourcePosition());
        add(headers, CONNECTOR, letter.getPipeline());
        add(headers, TASK_ID, letter.getTaskId());
        add(headers, STAGE, letter.getStage().name());
        add(headers, EXCEPTION_CLASS, letter.getExceptionClass());
        add(headers, EXCEPTION_MESSAGE, letter.getMessage());
        add(headers, RULE, letter.getRule());
        add(headers, FIELD, letter.getField());
        add(headers, RUN_ID, letter.getRunId());
        return headers;
    }

    private static void add(RecordHeaders headers, String key, String value) {
        if (value != null) {
            headers.add(new RecordHeader(key, DataHeaders.bytes(value)));
        }
    }
}
