package io.conveyor.transformer.dedupe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps seen keys in memory; unbounded and forgotten on restart, for tests and small local runs. */
public final class InMemorySeenKeys implements SeenKeys {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public boolean firstTime(String runId, String key) {
        return seen.add(StoreKeys.runPrefix(runId) + key);
    }
}
