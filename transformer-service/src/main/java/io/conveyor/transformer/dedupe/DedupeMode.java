package io.conveyor.transformer.dedupe;

/** What happens to a record whose key was already seen in the run. */
public enum DedupeMode {
    /** Later records with a seen key are skipped as duplicates (counted, not dead-lettered). */
    KEEP_FIRST,
    /**
     * The last record per key wins. A stream cannot know whether a later record will follow, so
     * every record passes and the sink must upsert on the same key fields, in record order (same
     * partition per key): the final row per key is then the last one. The pipeline definition
     * must pair this mode with an upsert sink keyed on these fields.
     */
    KEEP_LAST,
    /** Later records with a seen key are rejected to the dead-letter topic. */
    REJECT
}
