package io.conveyor.transformer.plugin;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.Rule;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;

/** Runs a loaded {@link RecordTransform} as a rule; its name is "custom:" and the class's simple name. */
public final class PluginRule implements Rule {

    private final String name;
    private final RecordTransform transform;

    public PluginRule(RecordTransform transform) {
        this.name = "custom:" + transform.getClass().getSimpleName();
        this.transform = transform;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Verdict apply(Row row, TransformContext context) {
        return transform.apply(row, context);
    }
}
