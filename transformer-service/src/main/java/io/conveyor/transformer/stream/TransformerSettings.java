package io.conveyor.transformer.stream;

import io.conveyor.transformer.dedupe.DedupeSettings;
import io.conveyor.transformer.plugin.PluginAllowList;
import java.util.Map;
import java.util.Objects;

/**
 * What the transform service needs to reach Kafka and the registry.
 *
 * @param clientConfig   Kafka client settings shared by every client (bootstrap servers, security) plus the
 *                       serde settings ({@code schema.registry.url}, ...)
 * @param topicPrefix    the prefix of every Conveyor topic
 * @param instanceId     this instance's name: part of its transactional ids and of its status reports
 * @param maxPollRecords records per poll, hence per transaction
 * @param dedupe         local storage of the dedupe rules' seen keys
 * @param plugins        the classes {@code custom} rules may name
 */
public record TransformerSettings(Map<String, Object> clientConfig, String topicPrefix, String instanceId,
                                  int maxPollRecords, DedupeSettings dedupe, PluginAllowList plugins) {

    public TransformerSettings {
        Objects.requireNonNull(plugins, "plugins");
        clientConfig = Map.copyOf(clientConfig);
        Objects.requireNonNull(dedupe, "dedupe");
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be positive: " + maxPollRecords);
        }
    }

    public String registryUrl() {
        Object url = clientConfig.get("schema.registry.url");
        if (url == null) {
            throw new IllegalStateException("schema.registry.url is not configured");
        }
        return url.toString();
    }
}
