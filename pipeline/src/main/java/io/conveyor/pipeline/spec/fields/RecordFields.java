package io.conveyor.pipeline.spec.fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;

/**
 * Between record schemas and {@link FlowField}s: the fields a schema gives the rules, the schema a
 * transform task without a declared one writes (inferred from what its rules leave), and the
 * fields a target schema needs that the rules do not provide.
 */
public final class RecordFields {

    /** Where the records of tasks without a declared schema are named, as the extractor names its own. */
    public static final String NAMESPACE = "io.conveyor.data";

    private RecordFields() {
    }

    /** The fields of a record schema, with the source's spelling where the extractor kept it. */
    public static List<FlowField> of(Schema record) {
        return record.getFields().stream().map(field -> {
            Schema type = field.schema();
            boolean nullable = isNullable(type);
            return new FlowField(field.name(), Optional.ofNullable(field.getProp(AvroFieldNames.ORIGINAL_NAME)),
                    nullable ? withoutNull(type) : type, !nullable);
        }).toList();
    }

    /**
     * The output schema of a transform task that declares none: the fields its rules leave, in
     * order, typed as the rules typed them, nullable (default null) unless a {@code required} rule
     * made them required.
     */
    public static Schema infer(String pipeline, String task, List<FlowField> fields) {
        List<Schema.Field> avroFields = new ArrayList<>(fields.size());
        for (FlowField field : fields) {
            Schema type = field.required() ? field.type() : Schema.createUnion(Schema.create(Schema.Type.NULL), field.type());
            avroFields.add(new Schema.Field(field.name(), type, null, field.required() ? null : JsonProperties.NULL_VALUE));
        }
        return Schema.createRecord(AvroFieldNames.sanitise(pipeline) + "_" + AvroFieldNames.sanitise(task), null,
                NAMESPACE, false, avroFields);
    }

    /**
     * One message per field that {@code target} requires (no null, no default) and {@code output}
     * lacks: every record would be rejected for it.
     */
    public static List<String> missingRequired(Schema target, List<FlowField> output) {
        Set<String> provided = output.stream().map(FlowField::name).collect(Collectors.toSet());
        List<String> names = output.stream().map(FlowField::name).toList();
        return target.getFields().stream()
                .filter(field -> !field.hasDefaultValue() && !isNullable(field.schema()) && !provided.contains(field.name()))
                .map(field -> "field '%s' is required by the schema but no source column or rule provides it%s".formatted(
                        field.name(), FieldFlow.nearest(field.name(), names)
                                .map(candidate -> " (did you mean '" + candidate + "'?)").orElse("")))
                .toList();
    }

    private static boolean isNullable(Schema type) {
        return type.getType() == Schema.Type.NULL || type.getType() == Schema.Type.UNION
                && type.getTypes().stream().anyMatch(branch -> branch.getType() == Schema.Type.NULL);
    }

    /** {@code ["null", T]} is {@code T}; a wider union stays a union (of its other branches). */
    private static Schema withoutNull(Schema type) {
        if (type.getType() != Schema.Type.UNION) {
            return type;
        }
        List<Schema> branches = type.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).toList();
        return branches.size() == 1 ? branches.get(0) : Schema.createUnion(branches);
    }
}
