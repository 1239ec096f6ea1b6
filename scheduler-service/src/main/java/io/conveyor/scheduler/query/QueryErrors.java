package io.conveyor.scheduler.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.conveyor.scheduler.tracker.RunJson;
import java.util.Map;

/** Error bodies of the run queries: {@code {"message": "..."}}. */
final class QueryErrors {

    private QueryErrors() {
    }

    static String json(String message) {
        try {
            return RunJson.MAPPER.writeValueAsString(Map.of("message", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
