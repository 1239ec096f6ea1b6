package io.conveyor.scheduler.tracker;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON for the tracker's run state, in its stores and in the run queries.
 *
 * <p>JSON rather than Avro because {@link TrackedRun} is made of the state machine's records, which
 * change as the machine grows: Jackson maps them from their record components without a schema to
 * keep in step, durations and instants stay readable (ISO-8601) when a store or changelog is
 * inspected, and unknown properties are ignored so an older tracker can read a newer state. Only
 * record components are written: derived "is" methods such as {@code TaskState.isFailure()} are not
 * state.
 */
public final class RunJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
            .build();

    private RunJson() {
    }

    public static Serde<TrackedRun> serde() {
        return Serdes.serdeFrom(serializer(), deserializer(TrackedRun.class));
    }

    private static <T> Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return MAPPER.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + value.getClass().getSimpleName() + " as JSON for " + topic, e);
            }
        };
    }

    private static <T> Deserializer<T> deserializer(Class<T> type) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " JSON from " + topic, e);
            }
        };
    }
}
