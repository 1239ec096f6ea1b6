package io.conveyor.pipeline.spec.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conveyor.pipeline.spec.TargetSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the {@code schema} of transform tasks: Avro JSON text, the same schema written as a YAML
 * map, or {@code {file: path}} relative to the pipeline file. The schema is parsed and must be a
 * record; a file is read now, so the loaded spec does not depend on it any more.
 */
final class SchemaReader {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private final Optional<Path> baseDirectory;

    /** @param baseDirectory where schema files are read; empty when file references are refused */
    SchemaReader(Optional<Path> baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    Optional<TargetSchema> read(YamlValue value) {
        if (value.node() instanceof ScalarNode) {
            return value.nonBlankText().flatMap(text -> parse(value, text, ""));
        }
        if (value.node() instanceof MappingNode mapping && isFileReference(mapping)) {
            return value.map().flatMap(map -> map.require("file")).flatMap(this::file);
        }
        if (value.node() instanceof MappingNode mapping) {
            try {
                return parse(value, json(mapping).toString(), "");
            } catch (IllegalArgumentException e) {
                value.report("invalid Avro schema: " + e.getMessage());
                return Optional.empty();
            }
        }
        value.report("expected an Avro schema: JSON text, a map, or {file: path}");
        return Optional.empty();
    }

    private static boolean isFileReference(MappingNode mapping) {
        return mapping.getValue().size() == 1
                && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key && key.getValue().equals("file");
    }

    private Optional<TargetSchema> file(YamlValue value) {
        if (baseDirectory.isEmpty()) {
            // Never read, so never echoed: a deployed file could name any file on this host.
            value.report("schema files are not read in a deployed pipeline (a file reference would read a file on the"
                    + " scheduler's host): write the schema inline, or deploy with bin/conveyor-local, which inlines it");
            return Optional.empty();
        }
        return value.nonBlankText().flatMap(name -> {
            Path file = baseDirectory.orElseThrow().resolve(name);
            try {
                return parse(value, Files.readString(file), " in " + name);
            } catch (IOException e) {
                value.report("cannot read schema file %s: %s".formatted(file, e));
                return Optional.empty();
            }
        });
    }

    private static Optional<TargetSchema> parse(YamlValue value, String json, String where) {
        try {
            Schema schema = new Schema.Parser().parse(json);
            if (schema.getType() != Schema.Type.RECORD) {
                value.report("the target schema%s must be an Avro record, got %s".formatted(where, schema.getType().getName()));
                return Optional.empty();
            }
            return Optional.of(TargetSchema.of(schema));
        } catch (AvroRuntimeException | NullPointerException | IllegalArgumentException e) {
            // Avro's parser answers some bad schemas with a NullPointerException (an unknown named
            // type such as "type: warehouse" becomes "Unknown schema: ...UnresolvedSchema_7").
            value.report("invalid Avro schema%s: %s".formatted(where, e.getMessage()));
            return Optional.empty();
        }
    }

    /** The YAML tree as JSON, with YAML's scalar types kept. */
    private static JsonNode json(Node node) {
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JSON.objectNode();
            for (NodeTuple entry : mapping.getValue()) {
                if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                    throw new IllegalArgumentException("keys must be strings (line %d)"
                            .formatted(entry.getKeyNode().getStartMark().getLine() + 1));
                }
                object.set(key.getValue(), json(entry.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            return JSON.arrayNode().addAll(sequence.getValue().stream().map(SchemaReader::json).toList());
        }
        return scalar((ScalarNode) node);
    }

    private static JsonNode scalar(ScalarNode scalar) {
        String text = scalar.getValue().replace("_", "");
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return JSON.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return JSON.booleanNode(Set.of("true", "yes", "on").contains(text.toLowerCase(Locale.ROOT)));
        }
        try {
            if (tag.equals(Tag.INT)) {
                return JSON.numberNode(new BigInteger(text));
            }
            if (tag.equals(Tag.FLOAT)) {
                return JSON.numberNode(new BigDecimal(text));
            }
        } catch (NumberFormatException notPlainDecimal) {
            // hex, octal and .inf stay text; Avro schemas have no use for them
        }
        return JSON.textNode(scalar.getValue());
    }
}
