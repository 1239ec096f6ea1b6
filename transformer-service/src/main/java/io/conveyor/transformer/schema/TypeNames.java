package io.conveyor.transformer.schema;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Names Avro types the way users read them in rejection messages. */
final class TypeNames {

    private TypeNames() {
    }

    static String describe(Schema schema) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        if (logicalType != null) {
            return logicalType.getName();
        }
        return switch (schema.getType()) {
            case UNION -> describeUnion(schema.getTypes());
            case RECORD, ENUM, FIXED -> schema.getType().getName() + " " + schema.getName();
            case ARRAY -> "array<" + describe(schema.getElementType()) + ">";
            case MAP -> "map<" + describe(schema.getValueType()) + ">";
            default -> schema.getType().getName();
        };
    }

    private static String describeUnion(List<Schema> branches) {
        List<Schema> nonNull = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
        String described = nonNull.size() == 1
                ? describe(nonNull.get(0))
                : nonNull.stream().map(TypeNames::describe).collect(Collectors.joining(" | ", "union[", "]"));
        return nonNull.size() < branches.size() ? "nullable " + described : described;
    }
}
