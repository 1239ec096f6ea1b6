package io.conveyor.transformer.plugin;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The simple names of the test plug-ins whose static initialiser ran (kept apart: reading it initialises none of them). */
final class StaticCodeRuns {

    static final Set<String> INITIALISED = ConcurrentHashMap.newKeySet();

    private StaticCodeRuns() {
    }
}
