package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.spec.Password;
import io.conveyor.pipeline.spec.sink.FileFormat;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.pipeline.spec.sink.KafkaSink;
import io.conveyor.pipeline.spec.sink.PostgresSink;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WarehouseSink;
import io.conveyor.pipeline.spec.sink.WriteMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Reads the {@code sink} section of load tasks. */
final class SinkReader {

    private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final List<String> taskKey;
    private final Map<String, Function<YamlMap, Supplier<? extends SinkSpec>>> sinks = new LinkedHashMap<>();

    /** @param taskKey the task's business key, which table sinks use when they give none */
    private SinkReader(List<String> taskKey) {
        this.taskKey = taskKey;
        sinks.put("postgres", this::postgres);
        sinks.put("warehouse", this::warehouse);
        sinks.put("file", SinkReader::file);
        sinks.put("kafka", SinkReader::kafka);
    }

    static Optional<SinkSpec> read(YamlValue value, List<String> taskKey) {
        SinkReader reader = new SinkReader(taskKey);
        return value.map().flatMap(map -> map.require("type").flatMap(type -> type.choice(reader.sinks)).flatMap(map::read));
    }

    private Supplier<PostgresSink> postgres(YamlMap map) {
        Optional<String> url = map.require("url").flatMap(SpecValues::jdbcUrl);
        Optional<String> user = map.get("user").flatMap(YamlValue::nonBlankText);
        Optional<Password> password = SpecValues.password(map);
        String schema = map.get("schema").flatMap(SpecValues::sqlIdentifier).orElse(PostgresSink.DEFAULT_SCHEMA);
        Optional<TableTarget> target = target(map);
        return () -> new PostgresSink(url.orElseThrow(), user, password, schema, target.orElseThrow());
    }

    private Supplier<WarehouseSink> warehouse(YamlMap map) {
        Optional<String> path = map.get("path").flatMap(YamlValue::nonBlankText);
        Optional<TableTarget> target = target(map);
        return () -> new WarehouseSink(path, target.orElseThrow());
    }

    private Optional<TableTarget> target(YamlMap map) {
        Optional<String> table = map.require("table").flatMap(SpecValues::sqlIdentifier);
        Optional<YamlValue> modeValue = map.get("mode");
        WriteMode mode = modeValue.flatMap(value -> value.choice(WriteMode.class)).orElse(WriteMode.APPEND);
        Optional<List<String>> key = map.get("key").map(SpecValues::fields).orElse(Optional.of(taskKey));
        if (mode == WriteMode.UPSERT && key.filter(List::isEmpty).isPresent()) {
            modeValue.orElseThrow().report("upsert needs key fields: give the sink a key or the task a key");
            return Optional.empty();
        }
        return table.flatMap(name -> key.map(fields -> new TableTarget(name, mode, fields)));
    }

    private static Supplier<FileSink> file(YamlMap map) {
        Optional<String> path = map.require("path").flatMap(YamlValue::nonBlankText);
        Optional<FileFormat> format = map.get("format").map(value -> value.choice(FileFormat.class))
                .orElseGet(() -> Optional.of(formatOf(path.orElse(""))));
        return () -> new FileSink(path.orElseThrow(), format.orElseThrow());
    }

    /** The format a file name's extension names, ignoring a trailing .gz; CSV otherwise. */
    private static FileFormat formatOf(String path) {
        String name = path.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        return Arrays.stream(FileFormat.values())
                .filter(format -> name.endsWith("." + format.name().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElse(FileFormat.CSV);
    }

    private static Supplier<KafkaSink> kafka(YamlMap map) {
        Optional<String> topic = map.require("topic").flatMap(SinkReader::topic);
        return () -> new KafkaSink(topic.orElseThrow());
    }

    private static Optional<String> topic(YamlValue value) {
        return value.text().filter(text -> {
            boolean valid = KAFKA_TOPIC.matcher(text).matches() && !text.equals(".") && !text.equals("..");
            if (!valid) {
                value.report("invalid Kafka topic name '%s' (letters, digits, '.', '_' and '-', at most 249)".formatted(text));
            }
            return valid;
        });
    }
}
