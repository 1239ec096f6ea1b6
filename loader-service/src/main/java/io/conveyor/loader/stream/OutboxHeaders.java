package io.conveyor.loader.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Kafka headers as text for the outbox table: a JSON list of [key, base64 value] pairs. */
final class OutboxHeaders {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<List<List<String>>> PAIRS = new TypeReference<>() {
    };

    private OutboxHeaders() {
    }

    static String encode(Headers headers) {
        List<List<String>> pairs = new ArrayList<>();
        for (Header header : headers) {
            pairs.add(Arrays.asList(header.key(),
                    header.value() == null ? null : Base64.getEncoder().encodeToString(header.value())));
        }
        try {
            return MAPPER.writeValueAsString(pairs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers always serialize", e);
        }
    }

    static Headers decode(String text) {
        try {
            RecordHeaders headers = new RecordHeaders();
            for (List<String> pair : MAPPER.readValue(text, PAIRS)) {
                headers.add(new RecordHeader(pair.get(0), pair.get(1) == null ? null : Base64.getDecoder().decode(pair.get(1))));
            }
            return headers;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox headers " + text, e);
        }
    }
}
