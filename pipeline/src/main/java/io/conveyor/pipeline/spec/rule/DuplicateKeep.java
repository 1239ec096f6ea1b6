package io.conveyor.pipeline.spec.rule;

/** Which record of a group with the same key survives deduplication. */
public enum DuplicateKeep {
    /** The first one seen; later ones are dropped. */
    FIRST,
    /** The last one seen. */
    LAST,
    /** None silently: every duplicate after the first is rejected to the dead-letter topic. */
    REJECT
}
