package io.conveyor.transformer.validate;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.Rule;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.util.List;

/**
 * Rejects records where a required field is absent, null or blank text. Blank counts as missing
 * because a CSV source writes a missing value as an empty cell.
 */
public final class RequiredRule implements Rule {

    private final String[] fields;

    public RequiredRule(List<String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a required rule needs at least one field");
        }
        this.fields = fields.toArray(String[]::new);
    }

    @Override
    public String name() {
        return "required";
    }

    @Override
    public Verdict apply(Row row, TransformContext context) {
        for (String field : fields) {
            Object value = row.get(field);
            if (value == null) {
                return Verdict.reject(field, row.has(field) ? "required field is null" : "required field is missing");
            }
            if (value instanceof CharSequence text && text.toString().isBlank()) {
                return Verdict.reject(field, "required field is blank");
            }
        }
        return Verdict.KEEP;
    }
}
