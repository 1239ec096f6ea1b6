package io.conveyor.transformer.dedupe;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seen keys that follow the calling thread's Kafka transaction: keys first seen in an open
 * transaction become permanent on {@link #commit()} and are forgotten on {@link #abort()}, so a
 * batch that is aborted and processed again does not find its own keys already seen. Each worker
 * thread has its own open transaction; committed keys are shared. Kept in memory: a restarted
 * instance (or one taking over a partition) does not know keys seen before.
 */
public final class TransactionalSeenKeys implements SeenKeys {

    private final Set<String> committed = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Set<String>> pending = ThreadLocal.withInitial(HashSet::new);

    @Override
    public boolean firstTime(String key) {
        return !committed.contains(key) && pending.get().add(key);
    }

    public void commit() {
        committed.addAll(pending.get());
        pending.get().clear();
    }

    public void abort() {
        pending.get().clear();
    }
}
