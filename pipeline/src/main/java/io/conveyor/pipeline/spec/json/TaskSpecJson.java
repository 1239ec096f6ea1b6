package io.conveyor.pipeline.spec.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.conveyor.pipeline.spec.TaskSpec;

/**
 * The JSON form of a {@link TaskSpec} that travels in a task command's {@code config}: written by
 * the DAG tracker, read by the executing service. Variants of sealed types carry their simple class
 * name under {@code @type}; a spec read back equals the spec written.
 */
public final class TaskSpecJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .annotationIntrospector(new SealedTypesIntrospector())
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private TaskSpecJson() {
    }

    public static String write(TaskSpec task) {
        try {
            return MAPPER.writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("task " + task.id() + " cannot be written as JSON", e);
        }
    }

    /** Reads a task spec; unknown properties are ignored so an older service reads a newer spec. */
    public static TaskSpec read(String json) throws InvalidTaskConfigException {
        try {
            return MAPPER.readValue(json, TaskSpec.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidTaskConfigException("invalid task config: " + e.getMessage(), e);
        }
    }
}
