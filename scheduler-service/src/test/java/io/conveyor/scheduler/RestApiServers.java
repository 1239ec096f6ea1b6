package io.conveyor.scheduler;

import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/**
 * The scheduler's REST API on a free local port against the test stack, as the REST tests start it:
 * the API and its plain Kafka clients, without the tracker's streams and without the cron loop.
 */
public final class RestApiServers {

    private RestApiServers() {
    }

    /** @param more settings of the test (they win over the common ones) */
    public static EmbeddedServer start(ConveyorStack stack, TopicNames topics, Map<String, Object> more) {
        return context(stack, topics, more).getBean(EmbeddedServer.class).start();
    }

    /** The application context alone, for a test that expects the start to fail. */
    public static ApplicationContext context(ConveyorStack stack, TopicNames topics, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.host", "127.0.0.1",
                "kafka.enabled", false,
                "conveyor.kafka.bootstrap-servers", stack.bootstrapServers(),
                "conveyor.kafka.schema-registry.url", stack.registryUrl(),
                "conveyor.kafka.topic-prefix", topics.prefix(),
                "conveyor.scheduler.cron.enabled", false));
        properties.putAll(more);
        return ApplicationContext.builder().environments(SchedulerApplication.ENVIRONMENT).deduceEnvironment(false)
                .properties(properties).start();
    }
}
