package io.conveyor.extractor.batch;

import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Task status records, keyed by pipeline name so the tracker's admission per pipeline stays local. */
public record StatusRecords(String statusTopic, String instance, Serializer<Object> avro) {

    /** @param message why, for FAILED; may be null */
    public ProducerRecord<byte[], byte[]> status(String pipeline, String runId, String taskId, int attempt, TaskStatusType state,
                                                 TaskCounts counts, String message, Instant time) {
        TaskStatus status = TaskStatus.newBuilder()
                .setRunId(runId)
                .setTaskId(taskId)
                .setAttempt(attempt)
                .setState(state)
                .setCounts(counts)
                .setMessage(message)
                .setInstance(instance)
                .setTime(time)
                .build();
        return new ProducerRecord<>(statusTopic, pipeline.getBytes(StandardCharsets.UTF_8), avro.serialize(statusTopic, status));
    }
}
