package io.conveyor.extractor.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The page being read and how many of its items are done, as JSON in the checkpoint. */
record HttpPosition(PageRequest request, int consumed) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an HTTP position always serializes", e);
        }
    }

    static HttpPosition fromJson(String json) {
        try {
            return MAPPER.readValue(json, HttpPosition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an HTTP position: " + json, e);
        }
    }
}
