package io.conveyor.transformer.row;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The mutable record the rules work on: field name to value, in the order the fields arrived.
 *
 * <p>Values are plain Java types: String, Integer, Long, Float, Double, BigDecimal, Boolean,
 * LocalDate, LocalTime, LocalDateTime, Instant, ByteBuffer, nested {@code Map<String, Object>}
 * and {@code List<Object>}, or null. A field that is absent and a field that holds null both read
 * as null; {@link #has(String)} tells them apart.
 */
public final class Row {

    private final LinkedHashMap<String, Object> values;
    private final Map<String, Object> view;

    public Row() {
        this(new LinkedHashMap<>());
    }

    private Row(LinkedHashMap<String, Object> values) {
        this.values = values;
        this.view = Collections.unmodifiableMap(values);
    }

    /** A row holding a copy of the given fields, in the map's iteration order. */
    public static Row of(Map<String, ?> fields) {
        return new Row(new LinkedHashMap<>(fields));
    }

    /** An empty row sized for {@code fieldCount} fields, so filling it does not resize its table. */
    public static Row withCapacity(int fieldCount) {
        return new Row(new LinkedHashMap<>(Math.max(4, (int) (fieldCount / 0.75f) + 1)));
    }

    public Object get(String field) {
        return values.get(field);
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    /** Sets a field; a new field goes to the end, an existing one keeps its position. */
    public void put(String field, Object value) {
        values.put(field, value);
    }

    public Object remove(String field) {
        return values.remove(field);
    }

    public int size() {
        return values.size();
    }

    public Set<String> fieldNames() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * The live entries, for rules that visit every field; {@code setValue} writes through. Adding or
     * removing fields while iterating is not supported.
     */
    public Set<Map.Entry<String, Object>> entries() {
        return values.entrySet();
    }

    /** A read-only view of the fields. */
    public Map<String, Object> asMap() {
        return view;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && values.equals(row.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Row" + values;
    }
}
