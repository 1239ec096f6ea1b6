package io.conveyor.transformer.rules;

import org.apache.avro.generic.GenericRecord;

/** What the rule chain made of one record. */
public sealed interface Outcome {

    /** Passed every rule and the target schema. */
    record Accepted(GenericRecord record) implements Outcome {
    }

    /** Invalid; goes to the pipeline's dead-letter topic. */
    record Rejected(Rejection rejection) implements Outcome {
    }

    /** Filtered out on purpose by {@code rule} (a label such as "custom#5"). */
    record Dropped(String rule, String reason) implements Outcome {
    }

    /** A repeat of {@code key} within the run, skipped by the dedupe rule {@code rule}. */
    record Duplicate(String rule, String key) implements Outcome {
    }
}
