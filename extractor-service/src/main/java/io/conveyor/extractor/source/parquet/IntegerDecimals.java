package io.conveyor.extractor.source.parquet;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Parquet decimals stored as INT32 or INT64 (Spark writes every decimal of precision up to 18 so)
 * are read by parquet-avro as plain ints and longs holding the unscaled value: -12345.67 would
 * arrive as -1234567. Such top-level columns become Avro {@code decimal(p,s)} on bytes here, like
 * the decimals stored as FIXED_LEN_BYTE_ARRAY or BINARY, which parquet-avro maps itself.
 */
final class IntegerDecimals {

    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private final Map<String, DecimalLogicalTypeAnnotation> columns;
    /** The schema parquet-avro reads the file with (the same for every row), and what it becomes. */
    private Schema read;
    private Schema converted;
    private final Map<Integer, Schema> decimals = new HashMap<>();

    private IntegerDecimals(Map<String, DecimalLogicalTypeAnnotation> columns) {
        this.columns = columns;
    }

    /** The file's integer decimal columns, from its footer; empty when it has none. */
    static Optional<IntegerDecimals> of(Path file) throws IOException {
        Map<String, DecimalLogicalTypeAnnotation> columns = new HashMap<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            for (Type column : reader.getFooter().getFileMetaData().getSchema().getFields()) {
                if (column.isPrimitive() && column.getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation decimal
                        && (column.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32
                        || column.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64)) {
                    columns.put(column.getName(), decimal);
                }
            }
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(new IntegerDecimals(columns));
    }

    GenericRecord convert(GenericRecord record) {
        if (record.getSchema() != read) {
            plan(record.getSchema());
        }
        GenericData.Record copy = new GenericData.Record(converted);
        for (Schema.Field field : converted.getFields()) {
            Object value = record.get(field.pos());
            Schema decimal = decimals.get(field.pos());
            if (decimal != null && value != null) {
                LogicalTypes.Decimal type = (LogicalTypes.Decimal) decimal.getLogicalType();
                value = DECIMALS.toBytes(BigDecimal.valueOf(((Number) value).longValue(), type.getScale()), decimal, type);
            }
            copy.put(field.pos(), value);
        }
        return copy;
    }

    private void plan(Schema schema) {
        decimals.clear();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            DecimalLogicalTypeAnnotation decimal = columns.get(field.name());
            Schema type = field.schema();
            Schema value = type.getType() == Schema.Type.UNION
                    ? type.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).findFirst().orElse(type)
                    : type;
            if (decimal == null || (value.getType() != Schema.Type.INT && value.getType() != Schema.Type.LONG)) {
                fields.add(new Schema.Field(field, type));
                continue;
            }
            Schema bytes = LogicalTypes.decimal(decimal.getPrecision(), decimal.getScale())
                    .addToSchema(Schema.create(Schema.Type.BYTES));
            decimals.put(field.pos(), bytes);
            fields.add(new Schema.Field(field, type == value ? bytes
                    : Schema.createUnion(type.getTypes().stream().map(branch -> branch == value ? bytes : branch).toList())));
        }
        converted = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), schema.isError(), fields);
        schema.getObjectProps().forEach(converted::addProp);
        read = schema;
    }
}
