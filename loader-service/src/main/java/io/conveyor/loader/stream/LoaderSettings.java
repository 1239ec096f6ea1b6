package io.conveyor.loader.stream;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the load service needs to reach Kafka and the registry.
 *
 * @param clientConfig   Kafka client settings shared by every client plus the serde settings
 *                       ({@code schema.registry.url}, ...)
 * @param topicPrefix    the prefix of every Conveyor topic
 * @param instanceId     this instance's name, in its status reports
 * @param maxPollRecords records per poll, hence per database transaction
 * @param environment    where passwords named by {@code passwordEnv} are looked up
 * @param warehousePath  the embedded warehouse's file, for {@code warehouse} sinks that name none
 */
public record LoaderSettings(Map<String, Object> clientConfig, String topicPrefix, String instanceId, int maxPollRecords,
                             Map<String, String> environment, Optional<Path> warehousePath) {

    public LoaderSettings {
        clientConfig = Map.copyOf(clientConfig);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(warehousePath, "warehousePath");
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be positive: " + maxPollRecords);
        }
    }
}
