package io.conveyor.pipeline.spec;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * The Avro record schema a transform task's output must conform to. Schemas given as a file are
 * read when the pipeline is loaded, so the spec is self-contained.
 *
 * @param avroJson the schema in Avro's JSON form, as produced by {@link Schema#toString()}
 */
public record TargetSchema(String avroJson) {

    public TargetSchema {
        Objects.requireNonNull(avroJson, "avroJson");
    }

    public static TargetSchema of(Schema schema) {
        return new TargetSchema(schema.toString());
    }

    public Schema avroSchema() {
        return new Schema.Parser().parse(avroJson);
    }
}
