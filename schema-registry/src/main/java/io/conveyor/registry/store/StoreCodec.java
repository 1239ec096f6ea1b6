package io.conveyor.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conveyor.registry.compat.CompatibilityLevel;
import io.conveyor.registry.core.SchemaVersion;
import io.conveyor.registry.store.StoreRecord.ConfigEntry;
import io.conveyor.registry.store.StoreRecord.SchemaEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * JSON keys and values of the storage topic, in the shape Confluent's registry uses
 * ({@code {"keytype":"SCHEMA","subject":...,"version":...}}), so the topic is readable with any
 * console consumer.
 */
public final class StoreCodec {

    private static final String SCHEMA = "SCHEMA";
    private static final String CONFIG = "CONFIG";

    private final ObjectMapper json = new ObjectMapper();

    public byte[] key(StoreRecord record) {
        ObjectNode key = json.createObjectNode();
        if (record instanceof SchemaEntry entry) {
            key.put("keytype", SCHEMA);
            key.put("subject", entry.subject());
            key.put("version", entry.version());
        } else if (record instanceof ConfigEntry entry) {
            key.put("keytype", CONFIG);
            key.put("subject", entry.subject().orElse(null));
        }
        key.put("magic", 1);
        return write(key);
    }

    public byte[] value(StoreRecord record) {
        if (record instanceof SchemaEntry entry) {
            return entry.value().map(this::schemaValue).orElse(null);
        }
        return ((ConfigEntry) record).level().map(this::configValue).orElse(null);
    }

    /**
     * @return the record, or empty for a key type this version does not know (a newer writer's),
     * which the reader skips rather than fails on
     */
    public Optional<StoreRecord> decode(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = read(keyBytes);
        String type = key.path("keytype").asText();
        if (SCHEMA.equals(type)) {
            String subject = key.path("subject").asText();
            int version = key.path("version").asInt();
            Optional<SchemaVersion> value = Optional.ofNullable(valueBytes).map(this::read)
                    .map(v -> new SchemaVersion(subject, version, v.path("id").asInt(), v.path("schema").asText(),
                            v.path("deleted").asBoolean(false)));
            return Optional.of(new SchemaEntry(subject, version, value));
        }
        if (CONFIG.equals(type)) {
            Optional<String> subject = key.hasNonNull("subject") ? Optional.of(key.get("subject").asText()) : Optional.empty();
            Optional<CompatibilityLevel> level = Optional.ofNullable(valueBytes).map(this::read)
                    .map(v -> CompatibilityLevel.parse(v.path("compatibilityLevel").asText()));
            return Optional.of(new ConfigEntry(subject, level));
        }
        return Optional.empty();
    }

    private byte[] schemaValue(SchemaVersion version) {
        ObjectNode value = json.createObjectNode();
        value.put("subject", version.subject());
        value.put("version", version.version());
        value.put("magic", 1);
        value.put("id", version.id());
        value.put("schema", version.schema());
        value.put("deleted", version.deleted());
        return write(value);
    }

    private byte[] configValue(CompatibilityLevel level) {
        ObjectNode value = json.createObjectNode();
        value.put("compatibilityLevel", level.name());
        return write(value);
    }

    private byte[] write(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode registry record " + node, e);
        }
    }

    private JsonNode read(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable registry record: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }
}
