package io.conveyor.loader.stream;

import io.conveyor.dataplane.failure.WorkerPolicy;
import io.conveyor.dataplane.AllowedHosts;
import io.conveyor.dataplane.FileRoots;
import io.conveyor.loader.warehouse.RefusalStreak;
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
 * @param rowRetryBudget rows a database refuses one after another for the same reason, with none
 *                       loaded in between, before the run fails with that reason ({@link RefusalStreak})
 * @param worker         the workers' failure policy and patience with stray records
 * @param fileRoots      the directories file and warehouse sinks may write
 * @param allowedHosts   the hosts postgres sinks may connect to
 */
public record LoaderSettings(Map<String, Object> clientConfig, String topicPrefix, String instanceId, int maxPollRecords,
                             Map<String, String> environment, Optional<Path> warehousePath, int rowRetryBudget,
                             WorkerPolicy worker, FileRoots fileRoots, AllowedHosts allowedHosts) {

    /** The key of {@link #allowedHosts}, named when a sink's host is not in it. */
    public static final String ALLOWED_HOSTS_KEY = "conveyor.loader.allowed-hosts";

    /** The key of {@link #fileRoots}, named when a sink's file lies outside them. */
    public static final String FILE_ROOTS_KEY = "conveyor.loader.file-roots";

    /** With the default worker policy and every path and host allowed. */
    public LoaderSettings(Map<String, Object> clientConfig, String topicPrefix, String instanceId, int maxPollRecords,
                          Map<String, String> environment, Optional<Path> warehousePath, int rowRetryBudget) {
        this(clientConfig, topicPrefix, instanceId, maxPollRecords, environment, warehousePath, rowRetryBudget,
                WorkerPolicy.defaults());
    }

    /** With every path and host allowed. */
    public LoaderSettings(Map<String, Object> clientConfig, String topicPrefix, String instanceId, int maxPollRecords,
                          Map<String, String> environment, Optional<Path> warehousePath, int rowRetryBudget,
                          WorkerPolicy worker) {
        this(clientConfig, topicPrefix, instanceId, maxPollRecords, environment, warehousePath, rowRetryBudget, worker,
                FileRoots.of(java.util.List.of(), FILE_ROOTS_KEY), AllowedHosts.of(java.util.List.of(), ALLOWED_HOSTS_KEY));
    }

    /** With the default row retry budget. */
    public LoaderSettings(Map<String, Object> clientConfig, String topicPrefix, String instanceId, int maxPollRecords,
                          Map<String, String> environment, Optional<Path> warehousePath) {
        this(clientConfig, topicPrefix, instanceId, maxPollRecords, environment, warehousePath, RefusalStreak.DEFAULT_BUDGET);
    }

    public LoaderSettings {
        clientConfig = Map.copyOf(clientConfig);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(warehousePath, "warehousePath");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(fileRoots, "fileRoots");
        Objects.requireNonNull(allowedHosts, "allowedHosts");
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be positive: " + maxPollRecords);
        }
        if (rowRetryBudget < 1) {
            throw new IllegalArgumentException("rowRetryBudget must be positive: " + rowRetryBudget);
        }
    }
}
