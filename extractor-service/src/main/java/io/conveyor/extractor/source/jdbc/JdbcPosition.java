package io.conveyor.extractor.source.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * Where a JDBC extract stands, as JSON: the key of the last row read (keyset paging) or the number of
 * rows read (a relation without key columns), and the watermark bounds fixed when the run began, so
 * a resumed run reads exactly the rows the first attempt would have.
 *
 * @param lastKey    texts of the key columns of the last row read; null before the first row
 * @param rows       rows read so far
 * @param lower      rows with a watermark above it are read; null reads from the beginning
 * @param upper      rows with a watermark up to it are read; null when the run began with no rows to read
 */
record JdbcPosition(List<String> lastKey, long rows, String lower, String upper) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JDBC position always serializes", e);
        }
    }

    static JdbcPosition fromJson(String json) {
        try {
            return MAPPER.readValue(json, JdbcPosition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JDBC position: " + json, e);
        }
    }

    JdbcPosition after(List<String> key) {
        return new JdbcPosition(key, rows + 1, lower, upper);
    }
}
