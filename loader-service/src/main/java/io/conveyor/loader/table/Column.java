package io.conveyor.loader.table;

import org.apache.avro.Schema;

/**
 * A target table column made from an Avro field.
 *
 * @param sqlType  the SQL type, e.g. {@code numeric(12,2)}
 * @param nullable whether the field's schema admits null
 * @param schema   the field's schema with a nullable union unwrapped
 */
public record Column(String name, String sqlType, boolean nullable, Schema schema) {

    public String definition() {
        return Identifiers.quote(name) + " " + sqlType + (nullable ? "" : " NOT NULL");
    }
}
