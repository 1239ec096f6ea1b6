package io.conveyor.launcher;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.Map;

/**
 * One Conveyor service in the launcher's JVM: its own Micronaut context with the service's
 * environment switched on, so it runs the same beans and configuration as when deployed alone.
 */
final class EmbeddedService implements AutoCloseable {

    private final String name;
    private final EmbeddedServer server;

    private EmbeddedService(String name, EmbeddedServer server) {
        this.name = name;
        this.server = server;
    }

    /** @param port the HTTP port; 0 picks a free one */
    static EmbeddedService start(String environment, int port, Map<String, Object> properties) {
        Map<String, Object> settings = new HashMap<>(properties);
        settings.put("micronaut.server.port", port == 0 ? -1 : port);
        settings.put("micronaut.server.host", "127.0.0.1");
        ApplicationContext context = ApplicationContext.builder()
                .environments(environment)
                .deduceEnvironment(false)
                .properties(settings)
                .start();
        try {
            return new EmbeddedService(environment, context.getBean(EmbeddedServer.class).start());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
