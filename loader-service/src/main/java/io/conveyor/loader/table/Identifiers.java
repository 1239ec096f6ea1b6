package io.conveyor.loader.table;

/** SQL identifiers, always quoted so Avro field names keep their case and may be reserved words. */
public final class Identifiers {

    private Identifiers() {
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }
}
