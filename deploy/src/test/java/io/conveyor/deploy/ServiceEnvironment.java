package io.conveyor.deploy;

import java.util.Map;
import java.util.Set;

/**
 * The environment variables each process reads (docs/deployment.md; Micronaut maps CONVEYOR_TRACKER_STATE_DIR
 * to conveyor.tracker.state-dir). A deployment file that sets any other name sets nothing: the service
 * silently keeps its default, so the checks compare against this list.
 */
final class ServiceEnvironment {

    private static final Map<String, Set<String>> BY_SERVICE = Map.of(
            "scheduler", Set.of("POD_NAME", "MICRONAUT_SERVER_PORT",
                    "CONVEYOR_SCHEDULER_BOOTSTRAP_SERVERS", "CONVEYOR_SCHEDULER_SCHEMA_REGISTRY_URL",
                    "CONVEYOR_SCHEDULER_TOPIC_PREFIX", "CONVEYOR_SCHEDULER_CRON_INSTANCE_ID",
                    "CONVEYOR_TRACKER_BOOTSTRAP_SERVERS", "CONVEYOR_TRACKER_SCHEMA_REGISTRY_URL",
                    "CONVEYOR_TRACKER_TOPIC_PREFIX", "CONVEYOR_TRACKER_APPLICATION_ID", "CONVEYOR_TRACKER_STATE_DIR",
                    "CONVEYOR_TRACKER_APPLICATION_SERVER", "CONVEYOR_TRACKER_REPLICATION_FACTOR",
                    "CONVEYOR_TRACKER_INSTANCE_ID"),
            "extractor", Set.of("POD_NAME", "MICRONAUT_SERVER_PORT",
                    "CONVEYOR_EXTRACTOR_BOOTSTRAP_SERVERS", "CONVEYOR_EXTRACTOR_SCHEMA_REGISTRY_URL",
                    "CONVEYOR_EXTRACTOR_TOPIC_PREFIX", "CONVEYOR_EXTRACTOR_INSTANCE_ID", "CONVEYOR_EXTRACTOR_CONSUMER_GROUP"),
            "transformer", Set.of("POD_NAME", "MICRONAUT_SERVER_PORT",
                    "CONVEYOR_TRANSFORMER_BOOTSTRAP_SERVERS", "CONVEYOR_TRANSFORMER_SCHEMA_REGISTRY_URL",
                    "CONVEYOR_TRANSFORMER_TOPIC_PREFIX", "CONVEYOR_TRANSFORMER_INSTANCE_ID",
                    "CONVEYOR_TRANSFORMER_DEDUPE_DIRECTORY"),
            "loader", Set.of("POD_NAME", "MICRONAUT_SERVER_PORT",
                    "CONVEYOR_LOADER_BOOTSTRAP_SERVERS", "CONVEYOR_LOADER_SCHEMA_REGISTRY_URL",
                    "CONVEYOR_LOADER_TOPIC_PREFIX", "CONVEYOR_LOADER_INSTANCE_ID",
                    // named by the pipelines' postgres sinks (passwordEnv)
                    "CONVEYOR_POSTGRES_PASSWORD"),
            "schema-registry", Set.of("MICRONAUT_SERVER_PORT", "CONVEYOR_REGISTRY_BOOTSTRAP_SERVERS", "CONVEYOR_REGISTRY_TOPIC"));

    private ServiceEnvironment() {
    }

    /** The names {@code service} reads (its image name: scheduler, extractor, ..., schema-registry). */
    static Set<String> of(String service) {
        Set<String> names = BY_SERVICE.get(service);
        if (names == null) {
            throw new IllegalArgumentException("no service " + service + " (known: " + BY_SERVICE.keySet() + ")");
        }
        return names;
    }
}
