package io.conveyor.transformer.plugin;

/** A custom transform that could not be made ready: missing class, wrong type, failing constructor or bad configuration. */
public final class PluginLoadException extends Exception {

    private final String className;

    PluginLoadException(String className, String problem, Throwable cause) {
        super("custom transform '" + className + "' " + problem, cause);
        this.className = className;
    }

    public String className() {
        return className;
    }
}
