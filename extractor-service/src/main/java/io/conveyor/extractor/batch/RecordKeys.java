package io.conveyor.extractor.batch;

import io.conveyor.extractor.source.AvroNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The business key of a record: the text of the task's single key field, or for a composite key the
 * texts of its fields joined by {@code |}. Key fields are matched by their name in the source or by
 * their Avro name. A record without a value for a key field has no key.
 */
public record RecordKeys(List<String> keyFields) {

    public static final String SEPARATOR = "|";

    public RecordKeys {
        keyFields = List.copyOf(keyFields);
    }

    public Optional<String> keyOf(GenericRecord record) {
        if (keyFields.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(keyFields.size());
        for (String keyField : keyFields) {
            Optional<Object> value = field(record.getSchema(), keyField).map(field -> record.get(field.pos()));
            if (value.isEmpty() || value.get() == null) {
                return Optional.empty();
            }
            parts.add(value.get().toString());
        }
        return Optional.of(String.join(SEPARATOR, parts));
    }

    /** The field the source called {@code name}, else the field with that Avro name or its sanitised form. */
    private static Optional<Schema.Field> field(Schema schema, String name) {
        Optional<Schema.Field> bySourceName = schema.getFields().stream()
                .filter(f -> name.equals(f.getProp(AvroNames.ORIGINAL_NAME))).findFirst();
        if (bySourceName.isPresent()) {
            return bySourceName;
        }
        return Optional.ofNullable(schema.getField(name)).or(() -> Optional.ofNullable(schema.getField(AvroNames.sanitise(name))));
    }
}
