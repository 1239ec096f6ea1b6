package io.conveyor.registry.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.Map;

/**
 * The registry server started inside another JVM (tests, the local launcher), with its own
 * Micronaut context so that it shares nothing but the classpath with what runs beside it.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private final EmbeddedServer server;

    private EmbeddedSchemaRegistry(EmbeddedServer server) {
        this.server = server;
    }

    /**
     * @param port 0 picks a free port
     * @param properties further settings, e.g. {@code conveyor.registry.topic}
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port, Map<String, Object> properties) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("conveyor.kafka.bootstrap-servers", bootstrapServers);
        settings.put("micronaut.server.port", port == 0 ? -1 : port);
        settings.put("micronaut.server.host", "127.0.0.1");
        // Other modules on the same classpath may bring micronaut-kafka; the registry uses plain clients.
        settings.put("kafka.enabled", false);
        settings.putAll(properties);
        ApplicationContext context = ApplicationContext.builder()
                .environments(SchemaRegistryApplication.ENVIRONMENT)
                .deduceEnvironment(false)
                .properties(settings)
                .start();
        try {
            return new EmbeddedSchemaRegistry(context.getBean(EmbeddedServer.class).start());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(bootstrapServers, port, Map.of());
    }

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
