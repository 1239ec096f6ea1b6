package io.conveyor.transformer.dedupe;

import io.conveyor.transformer.row.Row;
import io.conveyor.transformer.rules.Rule;
import io.conveyor.transformer.rules.TransformContext;
import io.conveyor.transformer.rules.Verdict;
import java.math.BigDecimal;
import java.util.List;

/**
 * Detects records whose key fields repeat an earlier record of the same run. Records with a
 * null key field are never duplicates (as with SQL unique constraints); add a required rule if
 * the key must be present. Numeric key values compare by value, so 1.0 and 1.00 are one key.
 */
public final class DedupeRule implements Rule {

    private final String[] keyFields;
    private final DedupeMode mode;
    private final SeenKeys seenKeys;
    private final String fieldLabel;

    public DedupeRule(List<String> keyFields, DedupeMode mode, SeenKeys seenKeys) {
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException("a dedupe rule needs at least one key field");
        }
        this.keyFields = keyFields.toArray(String[]::new);
        this.mode = mode;
        this.seenKeys = seenKeys;
        this.fieldLabel = String.join(",", keyFields);
    }

    @Override
    public String name() {
        return "dedupe";
    }

    public DedupeMode mode() {
        return mode;
    }

    public List<String> keyFields() {
        return List.of(keyFields);
    }

    @Override
    public Verdict apply(Row row, TransformContext context) {
        if (mode == DedupeMode.KEEP_LAST) {
            return Verdict.KEEP;
        }
        String key = storeKey(row);
        if (key == null || seenKeys.firstTime(context.runId(), key)) {
            return Verdict.KEEP;
        }
        String shown = displayKey(row);
        return mode == DedupeMode.REJECT
                ? Verdict.reject(fieldLabel, "duplicate of an earlier record with key " + shown)
                : Verdict.duplicate(shown);
    }

    /** The field names are part of the key, so differently keyed rules of a run stay apart. */
    private String storeKey(Row row) {
        StringBuilder key = new StringBuilder(64);
        for (String field : keyFields) {
            Object value = row.get(field);
            if (value == null) {
                return null;
            }
            key.append(StoreKeys.part(field)).append(StoreKeys.part(canonical(value)));
        }
        return key.toString();
    }

    private static String canonical(Object value) {
        return value instanceof BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString() : value.toString();
    }

    private String displayKey(Row row) {
        StringBuilder shown = new StringBuilder();
        for (String field : keyFields) {
            if (shown.length() > 0) {
                shown.append(", ");
            }
            shown.append(field).append('=').append(row.get(field));
        }
        return shown.toString();
    }
}
