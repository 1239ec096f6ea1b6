package io.conveyor.extractor.source.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.extractor.source.AvroNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * JSON objects as Avro records of nullable strings, one field per top-level member: scalars as their
 * text, nested objects and arrays as their JSON text, JSON null as null. Objects with the same
 * members share a schema; an object with other members gets its own (every field is optional, so the
 * schemas stay compatible with each other).
 */
public final class JsonRecords {

    /** Beyond this many distinct member sets the schema cache starts again, to bound memory. */
    private static final int MAX_CACHED_SCHEMAS = 256;

    private final String recordName;
    private final Map<List<String>, Schema> schemas = new HashMap<>();

    public JsonRecords(String recordName) {
        this.recordName = recordName;
    }

    public GenericRecord toRecord(JsonNode object) throws NotAJsonObjectException {
        if (!object.isObject()) {
            throw new NotAJsonObjectException("expected a JSON object but found " + object.getNodeType().name().toLowerCase());
        }
        List<String> members = new ArrayList<>();
        object.fieldNames().forEachRemaining(members::add);
        Schema schema = schema(members);
        GenericRecord record = new GenericData.Record(schema);
        Iterator<JsonNode> values = object.elements();
        for (int i = 0; values.hasNext(); i++) {
            record.put(i, text(values.next()));
        }
        return record;
    }

    private Schema schema(List<String> members) {
        if (schemas.size() >= MAX_CACHED_SCHEMAS && !schemas.containsKey(members)) {
            schemas.clear();
        }
        return schemas.computeIfAbsent(members, this::build);
    }

    private Schema build(List<String> members) {
        List<String> names = AvroNames.distinct(members);
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(recordName).namespace(AvroNames.NAMESPACE).fields();
        for (int i = 0; i < members.size(); i++) {
            fields = fields.name(names.get(i)).prop(AvroNames.ORIGINAL_NAME, members.get(i)).type().optional().stringType();
        }
        return fields.endRecord();
    }

    private static String text(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        return value.isContainerNode() ? value.toString() : value.asText();
    }
}
