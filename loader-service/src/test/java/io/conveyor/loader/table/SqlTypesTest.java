package io.conveyor.loader.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SqlTypesTest {

    private static final Schema RECORD = new Schema.Parser().parse("""
            {"type": "record", "name": "All", "fields": [
              {"name": "flag", "type": "boolean"},
              {"name": "small", "type": "int"},
              {"name": "big", "type": ["null", "long"], "default": null},
              {"name": "ratio", "type": "double"},
              {"name": "text", "type": "string"},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "atMicros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "raw", "type": "bytes"},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "Select", "type": "string"},
              {"name": "wall", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
              {"name": "ref", "type": {"type": "string", "logicalType": "uuid"}}]}
            """);

    @Test
    void mapsEveryAvroTypeToAPostgresColumn() {
        assertThat(SqlTypes.columns(RECORD, schema -> SqlTypes.sqlType(schema, "jsonb"))).extracting(Column::definition).containsExactly(
                "\"flag\" boolean NOT NULL", "\"small\" integer NOT NULL", "\"big\" bigint",
                "\"ratio\" double precision NOT NULL", "\"text\" text NOT NULL", "\"price\" numeric(12,2) NOT NULL",
                "\"day\" date NOT NULL", "\"at\" timestamptz NOT NULL", "\"atMicros\" timestamptz NOT NULL",
                "\"raw\" bytea NOT NULL", "\"tags\" jsonb NOT NULL", "\"Select\" text NOT NULL",
                "\"wall\" timestamp NOT NULL", "\"ref\" uuid NOT NULL");
    }

    @Test
    void quotesIdentifiersAndDoublesEmbeddedQuotes() {
        assertThat(Identifiers.qualified("public", "we\"ird")).isEqualTo("\"public\".\"we\"\"ird\"");
    }
}
