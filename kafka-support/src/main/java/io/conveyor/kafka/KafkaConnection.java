package io.conveyor.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How every Conveyor process reaches Kafka and the schema registry: the one configuration every
 * consumer, producer, admin client and Kafka Streams instance starts from (bound from
 * {@code conveyor.kafka.*}), in the spirit of Kafka's own {@code ConfigDef}: one place, passed
 * through whole, so a SASL or SSL setting reaches the topic creators as surely as the workers.
 *
 * @param bootstrapServers     the Kafka cluster ({@code conveyor.kafka.bootstrap-servers})
 * @param topicPrefix          the prefix of every Conveyor topic ({@code conveyor.kafka.topic-prefix})
 * @param schemaRegistryUrl    the Confluent-compatible registry; empty where a process needs none (the registry itself)
 * @param schemaRegistryUserInfo {@code user:password} for the registry's HTTP basic auth; empty for none
 * @param properties           further Kafka client properties ({@code security.protocol}, {@code sasl.*},
 *                             {@code ssl.*}, {@code client.rack}, ...), given to every client as they are
 */
public record KafkaConnection(String bootstrapServers, String topicPrefix, Optional<String> schemaRegistryUrl,
                              Optional<String> schemaRegistryUserInfo, Map<String, String> properties) {

    /** Conveyor's topic prefix when none is configured. */
    public static final String DEFAULT_TOPIC_PREFIX = "conveyor";

    /** The keys this configuration is bound from, named in errors. */
    public static final String PREFIX = "conveyor.kafka";
    public static final String BOOTSTRAP_SERVERS_KEY = PREFIX + ".bootstrap-servers";
    public static final String TOPIC_PREFIX_KEY = PREFIX + ".topic-prefix";
    public static final String SCHEMA_REGISTRY_URL_KEY = PREFIX + ".schema-registry.url";
    public static final String SCHEMA_REGISTRY_USER_INFO_KEY = PREFIX + ".schema-registry.user-info";
    public static final String PROPERTIES_KEY = PREFIX + ".properties";

    /** Properties that belong to one key above, so a pass-through copy would contradict it. */
    private static final java.util.Set<String> OWNED = java.util.Set.of("bootstrap.servers", "schema.registry.url",
            "basic.auth.user.info");

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(BOOTSTRAP_SERVERS_KEY + " (environment variable "
                    + environmentVariable(BOOTSTRAP_SERVERS_KEY) + ") is not set: name the Kafka cluster's bootstrap servers");
        }
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? DEFAULT_TOPIC_PREFIX : topicPrefix;
        schemaRegistryUrl = Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl").filter(url -> !url.isBlank());
        schemaRegistryUserInfo = Objects.requireNonNull(schemaRegistryUserInfo, "schemaRegistryUserInfo").filter(u -> !u.isBlank());
        if (schemaRegistryUserInfo.isPresent() && schemaRegistryUserInfo.get().indexOf(':') < 0) {
            throw new IllegalArgumentException(SCHEMA_REGISTRY_USER_INFO_KEY + " must be user:password");
        }
        properties = clientProperties(properties == null ? Map.of() : properties);
    }

    /** A connection with nothing but the cluster, for tools and tests. */
    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, DEFAULT_TOPIC_PREFIX, Optional.empty(), Optional.empty(), Map.of());
    }

    public KafkaConnection withSchemaRegistry(String url) {
        return new KafkaConnection(bootstrapServers, topicPrefix, Optional.of(url), schemaRegistryUserInfo, properties);
    }

    public KafkaConnection withTopicPrefix(String prefix) {
        return new KafkaConnection(bootstrapServers, prefix, schemaRegistryUrl, schemaRegistryUserInfo, properties);
    }

    public KafkaConnection withProperties(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(more);
        return new KafkaConnection(bootstrapServers, topicPrefix, schemaRegistryUrl, schemaRegistryUserInfo, merged);
    }

    /** The registry's URL, for a process that cannot work without one. */
    public String requireSchemaRegistryUrl() {
        return schemaRegistryUrl.orElseThrow(() -> new IllegalArgumentException(SCHEMA_REGISTRY_URL_KEY
                + " (environment variable " + environmentVariable(SCHEMA_REGISTRY_URL_KEY)
                + ") is not set: name the schema registry's URL"));
    }

    /**
     * What every Kafka client and Conveyor serde of a process starts from: the pass-through properties,
     * then the cluster and the registry (with its credentials), which always win. Callers add their own
     * settings (group id, transactional id, ...) to a copy.
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(adminConfig());
        schemaRegistryUrl.ifPresent(url -> config.put("schema.registry.url", url));
        schemaRegistryUserInfo.ifPresent(userInfo -> {
            config.put("basic.auth.credentials.source", "USER_INFO");
            config.put("basic.auth.user.info", userInfo);
        });
        return config;
    }

    /** The cluster and the pass-through properties only: an admin client or a broker-side tool. */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(properties);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /** The environment variable Micronaut maps onto {@code key}: CONVEYOR_KAFKA_BOOTSTRAP_SERVERS for conveyor.kafka.bootstrap-servers. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Kafka property names are dotted and never hyphenated; Micronaut maps an environment variable such
     * as CONVEYOR_KAFKA_PROPERTIES_SASL_JAAS_CONFIG onto every spelling ({@code sasl.jaas.config},
     * {@code sasl-jaas-config}, ...), so only the dotted one is kept. The keys a field above owns are
     * refused rather than silently overridden.
     */
    static Map<String, String> clientProperties(Map<String, String> raw) {
        Map<String, String> kept = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (key.contains("-")) {
                return;
            }
            if (OWNED.contains(key)) {
                throw new IllegalArgumentException(PROPERTIES_KEY + "." + key + " is set by its own key: use "
                        + ownerOf(key) + " instead");
            }
            kept.put(key, value == null ? "" : value);
        });
        return Map.copyOf(kept);
    }

    private static String ownerOf(String key) {
        return switch (key) {
            case "bootstrap.servers" -> BOOTSTRAP_SERVERS_KEY;
            case "schema.registry.url" -> SCHEMA_REGISTRY_URL_KEY;
            default -> SCHEMA_REGISTRY_USER_INFO_KEY;
        };
    }

    /** Never prints the pass-through values: sasl.jaas.config holds a password. */
    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers + ", prefix " + topicPrefix + ", registry "
                + schemaRegistryUrl.orElse("none") + ", properties " + properties.keySet() + "]";
    }
}
