package io.conveyor.transformer.dedupe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps seen keys in memory; unbounded, for tests and small local runs. */
public final class InMemorySeenKeys implements SeenKeys {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public boolean firstTime(String key) {
        return seen.add(key);
    }
}
