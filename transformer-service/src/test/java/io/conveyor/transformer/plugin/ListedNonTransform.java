package io.conveyor.transformer.plugin;

/** Allowed by name in PluginLoaderTest but no RecordTransform; records that its static code ran. */
public final class ListedNonTransform {

    static {
        StaticCodeRuns.INITIALISED.add("ListedNonTransform");
    }
}
