package io.conveyor.transformer.rules;

import io.conveyor.transformer.row.Row;
import java.util.Map;

/**
 * Applies a {@link FieldFunction} to the selected fields of a row, skipping absent and null
 * values. The first value the function refuses rejects the record, naming that field.
 */
public final class FieldRule implements Rule {

    private final String[] fields;
    private final FieldFunction function;

    public FieldRule(Fields fields, FieldFunction function) {
        this.fields = fields instanceof Fields.Named named ? named.names().toArray(String[]::new) : null;
        this.function = function;
    }

    public static FieldRule of(FieldFunction function, String... fields) {
        return new FieldRule(Fields.of(fields), function);
    }

    @Override
    public String name() {
        return function.name();
    }

    @Override
    public Verdict apply(Row row, TransformContext context) {
        return fields == null ? applyToAll(row) : applyToNamed(row);
    }

    private Verdict applyToNamed(Row row) {
        for (String field : fields) {
            Object value = row.get(field);
            if (value == null) {
                continue;
            }
            try {
                Object result = function.apply(value);
                if (result != value) {
                    row.put(field, result);
                }
            } catch (InvalidValueException e) {
                return reject(field, e);
            }
        }
        return Verdict.KEEP;
    }

    private Verdict applyToAll(Row row) {
        for (Map.Entry<String, Object> entry : row.entries()) {
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            try {
                Object result = function.apply(value);
                if (result != value) {
                    entry.setValue(result);
                }
            } catch (InvalidValueException e) {
                return reject(entry.getKey(), e);
            }
        }
        return Verdict.KEEP;
    }

    private static Verdict reject(String field, InvalidValueException e) {
        return Verdict.reject(field, e.getMessage(), e.getCause());
    }

    @Override
    public String toString() {
        return name() + (fields == null ? "(all fields)" : String.join(",", fields));
    }
}
