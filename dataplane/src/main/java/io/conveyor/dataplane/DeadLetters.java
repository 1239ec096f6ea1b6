package io.conveyor.dataplane;

import io.conveyor.control.TaskCommand;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.OriginalHeader;
import io.conveyor.deadletter.Stage;
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
    public static final String SOURCE_POSITION = "conveyor.errors.source-position";

    private DeadLetters() {
    }

    public static DeadLetter letter(Stage stage, TaskCommand command, ConsumerRecord<byte[], byte[]> source,
                                    RejectReason reason, Instant time) {
        List<OriginalHeader> originalHeaders = new ArrayList<>();
        for (Header header : source.headers()) {
            originalHeaders.add(new OriginalHeader(header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value())));
        }
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setPipeline(command.getPipeline())
                .setRunId(command.getRunId())
                .setTaskId(command.getTaskId())
                .setAttempt(command.getAttempt())
                .setRule(reason.rule())
                .setField(reason.field())
                .setMessage(reason.message())
                .setExceptionClass(reason.exceptionClass())
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setOriginalKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
                .setOriginalValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
                .setOriginalHeaders(originalHeaders)
                .setTime(time)
                .build();
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
