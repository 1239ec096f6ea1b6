package io.conveyor.transformer.plugin;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;

/** A transform no allow-list of the tests names; it records that its static code ran. */
public final class UnlistedTransform implements RecordTransform {

    static {
        StaticCodeRuns.INITIALISED.add("UnlistedTransform");
    }

    @Override
    public Verdict apply(Row row, TransformContext context) {
        return Verdict.keep();
    }
}
