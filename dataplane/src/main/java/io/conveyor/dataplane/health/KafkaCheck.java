package io.conveyor.dataplane.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Kafka answers when the cluster can be described (its id and controller) within the timeout. */
public final class KafkaCheck implements DependencyMonitor.Check, AutoCloseable {

    private final Map<String, Object> clientConfig;
    private final Duration timeout;
    private Admin admin;

    /** @param clientConfig the service's Kafka client configuration (bootstrap servers, security) */
    public KafkaCheck(Map<String, Object> clientConfig, Duration timeout) {
        this.clientConfig = new HashMap<>(clientConfig);
        this.clientConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-" + clientConfig.getOrDefault(
                AdminClientConfig.CLIENT_ID_CONFIG, "conveyor"));
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized void check() throws Exception {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            admin = Admin.create(config);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
