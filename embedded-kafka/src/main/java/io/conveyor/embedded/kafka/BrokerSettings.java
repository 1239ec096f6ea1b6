package io.conveyor.embedded.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start an {@link EmbeddedKafkaBroker}.
 *
 * @param port           the client (PLAINTEXT) port; 0 picks a free one
 * @param controllerPort the KRaft controller port; 0 picks a free one
 * @param dataDirectory  where the log lives; empty means a temporary directory deleted on close.
 *                       A given directory is kept, so a broker restarted on it keeps its topics.
 * @param overrides      broker properties applied last, for tests that need a special setting
 */
public record BrokerSettings(int port, int controllerPort, Optional<Path> dataDirectory, Map<String, String> overrides) {

    public BrokerSettings {
        requirePort("port", port);
        requirePort("controllerPort", controllerPort);
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        overrides = Map.copyOf(overrides);
    }

    public static BrokerSettings defaults() {
        return new BrokerSettings(0, 0, Optional.empty(), Map.of());
    }

    public BrokerSettings withPort(int newPort) {
        return new BrokerSettings(newPort, controllerPort, dataDirectory, overrides);
    }

    public BrokerSettings withDataDirectory(Path directory) {
        return new BrokerSettings(port, controllerPort, Optional.of(directory), overrides);
    }

    public BrokerSettings withOverrides(Map<String, String> newOverrides) {
        return new BrokerSettings(port, controllerPort, dataDirectory, newOverrides);
    }

    private static void requirePort(String name, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + value);
        }
    }
}
