package io.conveyor.transformer.structure;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.Rule;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.List;

/** Removes fields from the row; fields that are not there are ignored. */
public final class DropRule implements Rule {

    private final String[] fields;

    public DropRule(List<String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a drop rule needs at least one field");
        }
        this.fields = fields.toArray(String[]::new);
    }

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public Verdict apply(Row row, TransformContext context) {
        for (String field : fields) {
            row.remove(field);
        }
        return Verdict.KEEP;
    }
}
