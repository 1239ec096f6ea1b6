package io.conveyor.transformer.cleanse;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.Rule;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills fields that are absent or null with a default. Runs after null-token cleanup so that
 * "N/A" gets the default too. Defaults are shared by all records and must be immutable values.
 */
public final class DefaultValueRule implements Rule {

    private final String[] fields;
    private final Object[] defaults;

    public DefaultValueRule(Map<String, ?> defaults) {
        if (defaults.isEmpty()) {
            throw new IllegalArgumentException("a default rule needs at least one field");
        }
        Map<String, Object> ordered = new LinkedHashMap<>(defaults);
        this.fields = ordered.keySet().toArray(String[]::new);
        this.defaults = ordered.values().toArray();
    }

    @Override
    public String name() {
        return "default";
    }

    @Override
    public Verdict apply(Row row, TransformContext context) {
        for (int i = 0; i < fields.length; i++) {
            if (row.get(fields[i]) == null) {
                row.put(fields[i], defaults[i]);
            }
        }
        return Verdict.KEEP;
    }
}
