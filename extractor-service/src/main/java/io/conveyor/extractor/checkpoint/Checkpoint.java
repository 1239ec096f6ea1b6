package io.conveyor.extractor.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What the last committed transaction of a (run, task) had done; committed together with the batch,
 * so it is exactly what the output topic holds. JSON on the checkpoint topic.
 *
 * @param position        the source's own text for "after the last committed item"; null before any
 * @param partitionCounts data records of this run written to each output partition (for END markers)
 * @param finished        whether the END markers are written: the task succeeded
 */
public record Checkpoint(String runId, String taskId, int attempt, String position, long recordsIn, long recordsOut,
                         long recordsRejected, List<Long> partitionCounts, boolean finished) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public Checkpoint {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(taskId, "taskId");
        partitionCounts = List.copyOf(partitionCounts);
    }

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checkpoint always serializes", e);
        }
    }

    public static Checkpoint fromJson(byte[] json) {
        try {
            return MAPPER.readValue(json, Checkpoint.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable checkpoint: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }
}
