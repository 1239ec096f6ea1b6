package io.conveyor.dataplane;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** How a data-path service turns its configuration into Kafka client settings and an instance name. */
public final class ServiceClients {

    private ServiceClients() {
    }

    /**
     * @param passThrough further Kafka client and serde properties, applied first so the two
     *                    connection settings below always win
     */
    public static Map<String, Object> config(Map<String, String> passThrough, String bootstrapServers, String schemaRegistryUrl) {
        Map<String, Object> client = new HashMap<>();
        if (passThrough != null) {
            client.putAll(passThrough);
        }
        client.put("bootstrap.servers", bootstrapServers);
        client.put("schema.registry.url", schemaRegistryUrl);
        return client;
    }

    /** The configured instance id, or a new random one per start when none is configured. */
    public static String instanceId(String configured, String service) {
        return configured.isBlank() ? service + "-" + UUID.randomUUID() : configured;
    }
}
