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
 * @param saslPlainUsers users (name to password) of an additional SASL_PLAINTEXT listener with the PLAIN
 *                       mechanism, on a port of its own ({@link EmbeddedKafkaBroker#saslBootstrapServers()});
 *                       none: no such listener. The PLAINTEXT listener stays, for the broker itself.
 */
public record BrokerSettings(int port, int controllerPort, Optional<Path> dataDirectory, Map<String, String> overrides,
                             Map<String, String> saslPlainUsers) {

    public BrokerSettings {
        requirePort("port", port);
        requirePort("controllerPort", controllerPort);
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        overrides = Map.copyOf(overrides);
        saslPlainUsers = Map.copyOf(saslPlainUsers);
        saslPlainUsers.keySet().forEach(user -> {
            if (!user.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("a SASL user name may hold letters, digits, '_', '.' and '-' only, was " + user);
            }
        });
    }

    public BrokerSettings(int port, int controllerPort, Optional<Path> dataDirectory, Map<String, String> overrides) {
        this(port, controllerPort, dataDirectory, overrides, Map.of());
    }

    public static BrokerSettings defaults() {
        return new BrokerSettings(0, 0, Optional.empty(), Map.of());
    }

    public BrokerSettings withPort(int newPort) {
        return new BrokerSettings(newPort, controllerPort, dataDirectory, overrides, saslPlainUsers);
    }

    public BrokerSettings withDataDirectory(Path directory) {
        return new BrokerSettings(port, controllerPort, Optional.of(directory), overrides, saslPlainUsers);
    }

    public BrokerSettings withOverrides(Map<String, String> newOverrides) {
        return new BrokerSettings(port, controllerPort, dataDirectory, newOverrides, saslPlainUsers);
    }

    /** Also listen with SASL_PLAINTEXT (mechanism PLAIN) for these users (name to password). */
    public BrokerSettings withSaslPlainUsers(Map<String, String> users) {
        return new BrokerSettings(port, controllerPort, dataDirectory, overrides, users);
    }

    private static void requirePort(String name, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + value);
        }
    }
}
