package io.conveyor.dataplane.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * Writes the progress of the runs open in an input partition as the metadata of that partition's
 * committed offset. The metadata is committed in the same transaction as the output, so after a
 * crash progress and position always agree. Keep in mind the broker's
 * {@code offset.metadata.max.bytes} (4096 by default), which bounds how many runs may be open in
 * one partition at a time.
 */
public final class LedgerCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, RunProgress>> LEDGER = new TypeReference<>() {
    };

    private LedgerCodec() {
    }

    public static String encode(Map<String, RunProgress> ledger) {
        try {
            return MAPPER.writeValueAsString(ledger);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run progress always serializes", e);
        }
    }

    public static Map<String, RunProgress> decode(String metadata, String where) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(metadata, LEDGER);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable run progress in the committed offset of " + where, e);
        }
    }
}
