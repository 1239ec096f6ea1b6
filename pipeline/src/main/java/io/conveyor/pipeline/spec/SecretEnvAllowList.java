package io.conveyor.pipeline.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The environment variables a pipeline may name as a secret ({@code passwordEnv}). Without it a
 * pipeline could send any variable of a worker ({@code passwordEnv: HOME}, a cloud token) to a
 * server of its choosing. Names are matched against globs where {@code *} is any run of characters.
 */
public record SecretEnvAllowList(List<String> globs) {

    /** {@code CONVEYOR_SECRET_*} and {@code CONVEYOR_*_PASSWORD}: names an operator sets on purpose for pipelines. */
    public static final SecretEnvAllowList DEFAULT = of(List.of("CONVEYOR_SECRET_*", "CONVEYOR_*_PASSWORD"));

    public SecretEnvAllowList {
        globs = List.copyOf(Objects.requireNonNull(globs, "globs"));
    }

    public static SecretEnvAllowList of(List<String> globs) {
        return new SecretEnvAllowList(globs.stream().map(String::trim).filter(glob -> !glob.isEmpty()).toList());
    }

    public boolean allows(String variable) {
        return globs.stream().anyMatch(glob -> regex(glob).matcher(variable).matches());
    }

    /**
     * The part of {@code environment} pipelines may read; a refused name reads as unset, and
     * {@link #refusal} says why.
     */
    public Map<String, String> filter(Map<String, String> environment) {
        return environment.entrySet().stream().filter(entry -> allows(entry.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Why {@code variable} may not be read, naming the allow-list and the key that configures it. */
    public String refusal(String variable, String configurationKey) {
        return "environment variable %s is not allowed as a secret (allowed: %s; configure %s)"
                .formatted(variable, globs.isEmpty() ? "none" : String.join(", ", globs), configurationKey);
    }

    private static Pattern regex(String glob) {
        return Pattern.compile(java.util.Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }
}
