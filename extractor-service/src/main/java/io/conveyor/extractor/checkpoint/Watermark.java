package io.conveyor.extractor.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The highest watermark an incremental task's successful run read, as text of the column's SQL type.
 * JSON on the watermark topic, keyed by {@code pipeline/task}.
 *
 * @param runId the run that reached it
 */
public record Watermark(String value, String runId) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public Watermark {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(runId, "runId");
    }

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a watermark always serializes", e);
        }
    }

    public static Watermark fromJson(byte[] json) {
        try {
            return MAPPER.readValue(json, Watermark.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable watermark: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }
}
