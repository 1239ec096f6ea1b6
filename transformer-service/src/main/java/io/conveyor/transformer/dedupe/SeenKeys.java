package io.conveyor.transformer.dedupe;

/**
 * Remembers the deduplication keys seen so far, per run. Keys already carry the key field names,
 * so one store can serve several dedupe rules. The streaming service backs this with
 * {@link DedupeStore} (durable, in the Kafka transaction of the output); tests use
 * {@link InMemorySeenKeys}.
 */
public interface SeenKeys {

    /** Records {@code key} for run {@code runId} and says whether this is the first time it was seen. */
    boolean firstTime(String runId, String key);
}
