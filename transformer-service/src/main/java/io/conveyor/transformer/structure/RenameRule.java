package io.conveyor.transformer.structure;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.Rule;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;

/**
 * Renames a field. An absent source field is not an error (optional JSON fields come and go; a
 * required rule says when one must be there). An existing target field is overwritten. The
 * renamed field moves to the end of the row: output order is the target schema's anyway.
 */
public final class RenameRule implements Rule {

    private final String from;
    private final String to;

    public RenameRule(String from, String to) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("rename from and to are both '" + from + "'");
        }
        this.from = from;
        this.to = to;
    }

    @Override
    public String name() {
        return "rename";
    }

    @Override
    public Verdict apply(Row row, TransformContext context) {
        if (row.has(from)) {
            row.put(to, row.remove(from));
        }
        return Verdict.KEEP;
    }
}
