package io.conveyor.transformer.stream;

import io.conveyor.dataplane.failure.WorkerPolicy;
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
 * @param worker         the workers' failure policy and patience with stray records
 * @param plugins        the classes {@code custom} rules may name
 */
public record TransformerSettings(Map<String, Object> clientConfig, String topicPrefix, String instanceId,
                                  int maxPollRecords, DedupeSettings dedupe, WorkerPolicy worker, PluginAllowList plugins) {

    /** With the default worker policy and no plug-in allowed. */
    public TransformerSettings(Map<String, Object> clientConfig, String topicPrefix, String instanceId,
                               int maxPollRecords, DedupeSettings dedupe) {
        this(clientConfig, topicPrefix, instanceId, maxPollRecords, dedupe, WorkerPolicy.defaults());
    }

    /** With no plug-in allowed. */
    public TransformerSettings(Map<String, Object> clientConfig, String topicPrefix, String instanceId,
                               int maxPollRecords, DedupeSettings dedupe, WorkerPolicy worker) {
        this(clientConfig, topicPrefix, instanceId, maxPollRecords, dedupe, worker, PluginAllowList.NONE);
    }

    /** With the default worker policy. */
    public TransformerSettings(Map<String, Object> clientConfig, String topicPrefix, String instanceId,
                               int maxPollRecords, DedupeSettings dedupe, PluginAllowList plugins) {
        this(clientConfig, topicPrefix, instanceId, maxPollRecords, dedupe, WorkerPolicy.defaults(), plugins);
    }

    public TransformerSettings {
        Objects.requireNonNull(plugins, "plugins");
        clientConfig = Map.copyOf(clientConfig);
        Objects.requireNonNull(dedupe, "dedupe");
        Objects.requireNonNull(worker, "worker");
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be positive: " + maxPollRecords);
        }
    }
}
