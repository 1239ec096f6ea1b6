package io.conveyor.transformer.schema;

import io.conveyor.transformer.row.Row;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Builds the output record of the target schema from a transformed row.
 *
 * <p>Fields are matched by name; row fields the schema does not name are dropped, since the
 * target schema, not the source, defines what the sink receives. Missing or null fields take the
 * schema default, else null where the field is optional, else the row is rejected. Values must
 * already have the right Java type (coercion rules parse text); exact numeric widening and
 * narrowing is done here, and logical types are encoded with Avro's conversions, so the record
 * holds plain Avro values that any {@code GenericDatumWriter} can write.
 */
public final class SchemaEnforcer {

    private final Schema schema;
    private final RecordConverter converter;

    public SchemaEnforcer(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("the target schema must be a record schema, got " + schema.getType());
        }
        this.schema = schema;
        this.converter = new ConverterFactory().record(schema);
    }

    public Schema schema() {
        return schema;
    }

    public GenericRecord enforce(Row row) throws SchemaViolation {
        return converter.toRecord(row.asMap());
    }
}
