package io.conveyor.transformer.rules;

import io.conveyor.transformer.row.Row;

/**
 * One step of a {@link RuleChain}. A rule changes the row in place and says whether the record
 * goes on. Rules are immutable and shared by all records, so {@code apply} must be thread-safe
 * and should not allocate on the path where the record is kept.
 */
public interface Rule {

    /** The rule's kind as users write it ("coerce", "rename", ...); labels rejections. */
    String name();

    Verdict apply(Row row, TransformContext context);
}
