package io.conveyor.transformer.plugin;

import java.util.List;
import java.util.Objects;

/**
 * The classes a pipeline may name in a {@code custom} rule. A class name in a deployed pipeline is
 * untrusted: loading and initialising an arbitrary class of the classpath runs its static
 * initialiser, so a name is checked here before the class is even loaded.
 *
 * @param entries class names ({@code com.acme.Mask}) or prefixes ending in {@code *}
 *                ({@code com.acme.transforms.*}); none allows no plug-in
 */
public record PluginAllowList(List<String> entries) {

    /** The key that configures the transformer service's list, named in refusals. */
    public static final String KEY = "conveyor.transformer.plugin-allow";

    public static final PluginAllowList NONE = new PluginAllowList(List.of());

    public PluginAllowList {
        entries = Objects.requireNonNull(entries, "entries").stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }

    public static PluginAllowList of(String... entries) {
        return new PluginAllowList(List.of(entries));
    }

    public boolean allows(String className) {
        return entries.stream().anyMatch(entry -> entry.endsWith("*")
                ? className.startsWith(entry.substring(0, entry.length() - 1))
                : className.equals(entry));
    }

    String refusal() {
        return "is not in the transformer's plug-in allow-list (" + KEY + ": "
                + (entries.isEmpty() ? "none" : String.join(", ", entries)) + ")";
    }
}
