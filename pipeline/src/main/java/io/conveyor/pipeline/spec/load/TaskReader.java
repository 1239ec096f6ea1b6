package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.spec.TargetSchema;
import io.conveyor.pipeline.spec.TaskKind;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.rule.RuleSpec;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import io.conveyor.pipeline.spec.source.SourceSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads one entry of {@code tasks}, applying the pipeline's defaults. */
final class TaskReader {

    private final PartialSettings defaults;
    private final SchemaReader schemas;
    private final Set<TaskKind> executedKinds;

    TaskReader(PartialSettings defaults, SchemaReader schemas, Set<TaskKind> executedKinds) {
        this.defaults = defaults;
        this.schemas = schemas;
        this.executedKinds = executedKinds;
    }

    /** A task id with the YAML value that gives it. */
    record Reference(String id, YamlValue where) {
    }

    /**
     * What was read of one task: its id and dependencies as far as they are valid, for the checks
     * across tasks, and the task itself if it had no problem.
     */
    record Draft(Optional<Reference> id, List<Reference> dependsOn, Optional<TaskSpec> task, Optional<YamlValue> rules,
                 Optional<YamlValue> schema) {

        static final Draft INVALID = new Draft(Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    Draft read(YamlValue entry) {
        return entry.map().map(this::read).orElse(Draft.INVALID);
    }

    private Draft read(YamlMap map) {
        Problems problems = map.self().problems();
        int mark = problems.count();
        Optional<Reference> id = map.require("id").flatMap(value -> SpecValues.name(value).map(name -> new Reference(name, value)));
        Optional<TaskKind> kind = map.require("kind").flatMap(value -> value.choice(TaskKind.class).map(known -> {
            if (!executedKinds.contains(known)) {
                value.report("no service executes tasks of kind " + name(known) + " (executed kinds: "
                        + executedKinds.stream().sorted().map(TaskReader::name).collect(Collectors.joining(", ")) + ")");
            }
            return known;
        }));
        List<Reference> dependsOn = map.get("dependsOn").flatMap(TaskReader::references).orElse(List.of());
        List<String> key = map.get("key").flatMap(SpecValues::fields).orElse(List.of());
        PartialSettings settings = PartialSettings.read(map).over(defaults);
        Optional<TaskSettings> resolved = settings.resolve();
        Optional<TaskWork> work = work(map, kind, key);
        map.rejectUnknownKeys();
        Optional<TaskSpec> task = problems.buildIfNoneSince(mark, () -> new TaskSpec(id.orElseThrow().id(),
                dependsOn.stream().map(Reference::id).toList(), settings.resolvedTriggerRule(), resolved.orElseThrow(),
                key, work.orElseThrow()));
        return new Draft(id, dependsOn, task, map.get("rules"), map.get("schema"));
    }

    private static Optional<List<Reference>> references(YamlValue value) {
        return value.listOf(item -> SpecValues.name(item).map(name -> new Reference(name, item)));
    }

    private Optional<TaskWork> work(YamlMap map, Optional<TaskKind> kind, List<String> key) {
        Optional<SourceSpec> source = section(map, "source", TaskKind.EXTRACT, kind, SourceReader::read);
        Optional<List<RuleSpec>> rules = section(map, "rules", TaskKind.TRANSFORM, kind, RuleReader::read);
        Optional<TargetSchema> schema = section(map, "schema", TaskKind.TRANSFORM, kind, schemas::read);
        Optional<SinkSpec> sink = section(map, "sink", TaskKind.LOAD, kind, value -> SinkReader.read(value, key));
        Optional<String> sql = section(map, "sql", TaskKind.SQL, kind, YamlValue::nonBlankText);
        requireFor(map, kind, TaskKind.EXTRACT, "source");
        requireFor(map, kind, TaskKind.LOAD, "sink");
        requireFor(map, kind, TaskKind.SQL, "sql");
        return kind.flatMap(known -> switch (known) {
            case EXTRACT -> source.map(TaskWork.Extract::new);
            case TRANSFORM -> Optional.of(new TaskWork.Transform(rules.orElse(List.of()), schema));
            case LOAD -> sink.map(TaskWork.Load::new);
            case SQL -> sql.map(TaskWork.Sql::new);
        });
    }

    /**
     * A section that belongs to one kind of task. It is refused in tasks of another kind, and read
     * (for its own problems) when the kind is unknown.
     */
    private static <T> Optional<T> section(YamlMap map, String key, TaskKind owner, Optional<TaskKind> kind,
                                           Function<YamlValue, Optional<T>> read) {
        if (kind.isPresent() && kind.get() != owner) {
            map.refuse(key, "only allowed in tasks of kind " + name(owner));
            return Optional.empty();
        }
        return map.get(key).flatMap(read);
    }

    private static void requireFor(YamlMap map, Optional<TaskKind> kind, TaskKind owner, String key) {
        if (kind.filter(owner::equals).isPresent() && !map.has(key)) {
            map.reportMissing(key, "missing required key for tasks of kind " + name(owner));
        }
    }

    private static String name(TaskKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
