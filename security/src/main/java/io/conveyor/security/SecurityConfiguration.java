package io.conveyor.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * Authentication of the scheduler's REST API and of the schema registry, under {@code conveyor.security}
 * (docs/security.md); each service reads its own, so they may name different principals.
 *
 * @param enabled whether requests must authenticate (Micronaut Security's {@code micronaut.security.enabled}
 *                follows it); off in the local run, on in the compose and Kubernetes deployments
 * @param users   {@code name:role:secret} entries (CONVEYOR_SECURITY_USERS, comma-separated), see {@link Principals}
 */
@ConfigurationProperties(SecurityConfiguration.PREFIX)
public record SecurityConfiguration(@Bindable(defaultValue = "false") boolean enabled, List<String> users) {

    public static final String PREFIX = "conveyor.security";
    public static final String USERS_KEY = PREFIX + ".users";

    public SecurityConfiguration {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
