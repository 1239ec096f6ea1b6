package io.conveyor.cli.api;

import io.conveyor.cli.CliFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Authorization} header for a scheduler that authenticates (docs/security.md), from the
 * environment only, so that no secret shows in a process list or a shell history:
 * {@code CONVEYOR_TOKEN} (a bearer token) or {@code CONVEYOR_USER} with {@code CONVEYOR_PASSWORD}
 * (HTTP basic). Neither set: no header, as the local run needs.
 */
public final class Credentials {

    public static final String TOKEN = "CONVEYOR_TOKEN";
    public static final String USER = "CONVEYOR_USER";
    public static final String PASSWORD = "CONVEYOR_PASSWORD";

    private Credentials() {
    }

    public static Optional<String> fromEnvironment(Map<String, String> environment) {
        Optional<String> token = value(environment, TOKEN);
        Optional<String> user = value(environment, USER);
        Optional<String> password = value(environment, PASSWORD);
        if (token.isPresent() && user.isPresent()) {
            throw CliFailure.invalid(TOKEN + " and " + USER + " are both set: use one way of signing in");
        }
        if (user.isPresent() != password.isPresent()) {
            throw CliFailure.invalid(user.isPresent() ? USER + " is set but " + PASSWORD + " is not"
                    : PASSWORD + " is set but " + USER + " is not");
        }
        if (token.isPresent()) {
            return Optional.of("Bearer " + token.get());
        }
        return user.map(name -> "Basic " + Base64.getEncoder().encodeToString((name + ":" + password.get())
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }
}
