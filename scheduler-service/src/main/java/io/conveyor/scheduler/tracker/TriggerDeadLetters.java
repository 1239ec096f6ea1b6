package io.conveyor.scheduler.tracker;

import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.OriginalHeader;
import io.conveyor.deadletter.Stage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Dead letters for triggers the tracker cannot act on, with where the trigger was read. */
public final class TriggerDeadLetters {

    /** Where a rejected record was read. */
    public record Source(String topic, int partition, long offset, Headers headers) {
    }

    private TriggerDeadLetters() {
    }

    /** A trigger that could not even be deserialized: the raw bytes go along. */
    public static DeadLetter undeserializable(Source source, byte[] key, byte[] value, Exception cause, Instant now) {
        return base(source, now)
                .setRule("deserialization")
                .setMessage("cannot deserialize the trigger: " + cause.getMessage())
                .setExceptionClass(cause.getClass().getName())
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .build();
    }

    /**
     * A trigger that was read but cannot be acted on. The deserialized trigger is in the message
     * (Avro's JSON rendering); its original bytes are no longer at hand after deserialization.
     */
    public static DeadLetter rejected(Source source, String key, Object trigger, String pipeline, String runId,
            String rule, String reason, Instant now) {
        return base(source, now)
                .setPipeline(pipeline)
                .setRunId(runId)
                .setRule(rule)
                .setMessage(reason + "; trigger: " + trigger)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private static DeadLetter.Builder base(Source source, Instant now) {
        return DeadLetter.newBuilder()
                .setStage(Stage.TRIGGER)
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setOriginalHeaders(headers(source.headers()))
                .setTime(now);
    }

    private static List<OriginalHeader> headers(Headers headers) {
        List<OriginalHeader> copies = new ArrayList<>();
        if (headers != null) {
            for (Header header : headers) {
                copies.add(new OriginalHeader(header.key(),
                        header.value() == null ? null : ByteBuffer.wrap(header.value())));
            }
        }
        return copies;
    }
}
