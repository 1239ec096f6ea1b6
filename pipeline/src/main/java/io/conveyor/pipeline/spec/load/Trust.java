package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.spec.SecretEnvAllowList;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How far a pipeline file is trusted. A file the user runs from their own disk may read schema
 * files next to it and hold anything; a definition that arrives over the network (REST deploy, the
 * pipelines topic) must not make the host read its files or hand out its environment.
 *
 * @param readsSchemaFiles        whether {@code schema: {file: ...}} is read (otherwise refused)
 * @param allowsLiteralPasswords  whether {@code password:} is accepted (otherwise refused: it would
 *                                be stored on the pipelines topic and served back in clear)
 * @param secretEnv               the variables {@code passwordEnv} may name
 * @param secretEnvKey            the configuration key of {@code secretEnv}, named in refusals
 * @param alertChannels           the webhook channels {@code alerts.channels} may name; empty: not checked here
 *                                (a file validated away from any scheduler, or one already deployed)
 * @param alertChannelsKey        the configuration key of {@code alertChannels}, named in refusals
 */
public record Trust(boolean readsSchemaFiles, boolean allowsLiteralPasswords, SecretEnvAllowList secretEnv,
                    String secretEnvKey, Optional<Set<String>> alertChannels, String alertChannelsKey) {

    /** A file of the user's own, loaded on their machine: schema files next to it are read. */
    public static final Trust LOCAL_FILE = new Trust(true, true, SecretEnvAllowList.of(java.util.List.of("*")), "",
            Optional.empty(), "");

    /**
     * A definition already accepted by a deployment and read back from the pipelines topic: its
     * secrets were checked when it was deployed, but it never reads files on this host.
     */
    public static final Trust STORED = new Trust(false, true, SecretEnvAllowList.of(java.util.List.of("*")), "",
            Optional.empty(), "");

    public Trust {
        Objects.requireNonNull(secretEnv, "secretEnv");
        Objects.requireNonNull(secretEnvKey, "secretEnvKey");
        alertChannels = alertChannels.map(Set::copyOf);
        Objects.requireNonNull(alertChannelsKey, "alertChannelsKey");
    }

    /** A pipeline deployed over the network. */
    public static Trust deployed(SecretEnvAllowList secretEnv, boolean allowsLiteralPasswords, String secretEnvKey) {
        return new Trust(false, allowsLiteralPasswords, secretEnv, secretEnvKey, Optional.empty(), "");
    }

    /** This trust, and {@code alerts.channels} may name only these channels (defined under {@code key}). */
    public Trust withAlertChannels(Set<String> channels, String key) {
        return new Trust(readsSchemaFiles, allowsLiteralPasswords, secretEnv, secretEnvKey, Optional.of(channels), key);
    }
}
