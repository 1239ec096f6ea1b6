package io.conveyor.pipeline.spec.fields;

import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A field as the rules of a transform task see it at one point of the chain.
 *
 * @param name       the Avro name, which records carry
 * @param sourceName the source's own spelling where it differs, which rules may use too
 * @param type       the Avro type of its values, without null
 * @param required   false when the field may be null
 */
public record FlowField(String name, Optional<String> sourceName, Schema type, boolean required) {

    public FlowField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(type, "type");
        sourceName = sourceName.filter(source -> !source.equals(name));
    }

    /** A nullable text column as the extractor makes it from a CSV column. */
    public static FlowField text(String name, String sourceName) {
        return new FlowField(name, Optional.of(sourceName), Schema.create(Schema.Type.STRING), false);
    }

    FlowField renamed(String newName) {
        return new FlowField(newName, Optional.empty(), type, required);
    }

    FlowField typed(Schema newType) {
        return new FlowField(name, sourceName, newType, required);
    }

    FlowField asRequired() {
        return new FlowField(name, sourceName, type, true);
    }
}
