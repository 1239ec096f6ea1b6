package io.conveyor.transformer.dedupe;

/**
 * Remembers the deduplication keys seen so far. Keys already carry the run id and the key
 * field names, so one store can serve several runs and dedupe rules. The streaming service backs
 * this with a state store written in the same transaction as the output; tests use
 * {@link InMemorySeenKeys}.
 */
public interface SeenKeys {

    /** Records {@code key} and says whether this is the first time it was seen. */
    boolean firstTime(String key);
}
