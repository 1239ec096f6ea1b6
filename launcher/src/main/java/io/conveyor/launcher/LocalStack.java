package io.conveyor.launcher;

import io.conveyor.embedded.kafka.BrokerSettings;
import io.conveyor.embedded.kafka.EmbeddedKafkaBroker;
import io.conveyor.registry.http.EmbeddedSchemaRegistry;

import java.nio.file.Path;
import java.util.Map;

/**
 * The local stack of the one-command run: a real KRaft broker and the schema registry, in this
 * JVM, keeping their data under one directory so a restart finds its topics and schemas again.
 */
final class LocalStack implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;

    private LocalStack(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    static LocalStack start(LauncherSettings settings) {
        Path kafkaData = settings.dataDirectory().resolve("kafka");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults()
                .withPort(settings.kafkaPort()).withDataDirectory(kafkaData));
        try {
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(),
                    settings.registryPort(), Map.of());
            return new LocalStack(broker, registry);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
