package io.conveyor.scheduler.security;

import io.micronaut.core.annotation.Nullable;
import java.security.Principal;
import java.util.Optional;

/** Who asked for a deployment or a run, as it is recorded. */
public final class Callers {

    private Callers() {
    }

    /**
     * The authenticated principal's name when security is on (what the request claims is then
     * ignored, so nobody can act in another's name); the claim otherwise, as the local run has it.
     */
    public static Optional<String> requestedBy(@Nullable Principal principal, Optional<String> claimed) {
        return principal != null ? Optional.of(principal.getName()) : claimed;
    }
}
