package io.conveyor.serde.avro;

import io.conveyor.serde.registry.SchemaRegistryClient;
import org.apache.kafka.common.config.ConfigException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The serdes' settings, under Confluent's property names so that a configuration written for
 * Confluent's serializers works unchanged.
 */
public record AvroSerdeConfig(List<String> registryUrls, Optional<String> basicAuthUserInfo, boolean autoRegister,
                              boolean useLatestVersion, boolean specificReader, boolean logicalTypeConverters,
                              SubjectNameStrategy keyStrategy, SubjectNameStrategy valueStrategy, Duration latestCacheTtl) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String LATEST_CACHE_TTL_SECONDS = "latest.cache.ttl.sec";

    public static AvroSerdeConfig from(Map<String, ?> configs) {
        Object urls = configs.get(SCHEMA_REGISTRY_URL);
        if (urls == null || urls.toString().isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, urls, "the serializer needs the schema registry's URL");
        }
        return new AvroSerdeConfig(
                Arrays.stream(urls.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                Optional.ofNullable(configs.get(BASIC_AUTH_USER_INFO)).map(Object::toString),
                flag(configs, AUTO_REGISTER_SCHEMAS, true),
                flag(configs, USE_LATEST_VERSION, false),
                flag(configs, SPECIFIC_AVRO_READER, false),
                flag(configs, LOGICAL_TYPE_CONVERTERS, false),
                strategy(configs, KEY_SUBJECT_NAME_STRATEGY),
                strategy(configs, VALUE_SUBJECT_NAME_STRATEGY),
                Duration.ofSeconds(number(configs, LATEST_CACHE_TTL_SECONDS, 30)));
    }

    /**
     * The registry client these settings describe, as the serializers build it: the URLs, the
     * {@code basic.auth.user.info} credentials a secured registry asks for, the latest-version cache.
     */
    public SchemaRegistryClient client() {
        return new SchemaRegistryClient(registryUrls, basicAuthUserInfo, latestCacheTtl);
    }

    private static boolean flag(Map<String, ?> configs, String key, boolean fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigException(key, value, "expected true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static long number(Map<String, ?> configs, String key, long fallback) {
        Object value = configs.get(key);
        try {
            return value == null ? fallback : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number");
        }
    }

    private static SubjectNameStrategy strategy(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return SubjectNameStrategy.TOPIC_NAME;
        }
        String name = value instanceof Class<?> type ? type.getName() : value.toString().trim();
        return SubjectNameStrategy.parse(key, name);
    }
}
