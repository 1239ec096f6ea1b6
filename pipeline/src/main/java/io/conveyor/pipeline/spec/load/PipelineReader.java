package io.conveyor.pipeline.spec.load;

import io.conveyor.pipeline.cron.CronSchedule;
import io.conveyor.pipeline.spec.AlertSpec;
import io.conveyor.pipeline.spec.CatchupPolicy;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskKind;
import io.conveyor.pipeline.spec.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Reads a whole pipeline document, collecting every problem before deciding. */
final class PipelineReader {

    private static final int DEFAULT_MAX_CATCHUP_RUNS = 100;
    /** The region, not the offset, so that writing {@code timezone: UTC} changes nothing. */
    private static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");
    private static final int MAX_CATCHUP_RUNS = 100_000;
    private static final int MAX_ACTIVE_RUNS = 10_000;

    private final Problems problems;
    private final Optional<Path> baseDirectory;
    private final Set<TaskKind> executedKinds;

    /** @param baseDirectory where schema files are read; empty when they are refused */
    PipelineReader(Problems problems, Optional<Path> baseDirectory, Set<TaskKind> executedKinds) {
        this.problems = problems;
        this.baseDirectory = baseDirectory;
        this.executedKinds = Set.copyOf(executedKinds);
    }

    PipelineSpec read(YamlValue document) throws PipelineValidationException {
        Optional<YamlMap> map = document.map();
        if (map.isEmpty()) {
            problems.throwIfAny();
        }
        return read(map.orElseThrow());
    }

    private PipelineSpec read(YamlMap map) throws PipelineValidationException {
        Optional<String> name = map.require("name").flatMap(SpecValues::name);
        Optional<String> description = map.get("description").flatMap(YamlValue::text);
        Optional<CronSchedule> schedule = map.get("schedule").flatMap(SpecValues::cron);
        ZoneId timezone = map.get("timezone").flatMap(SpecValues::zone).orElse(DEFAULT_TIMEZONE);
        Optional<YamlValue> catchupValue = map.get("catchup");
        CatchupPolicy catchup = catchupValue.flatMap(value -> value.choice(CatchupPolicy.class)).orElse(CatchupPolicy.NONE);
        if (catchup != CatchupPolicy.NONE && !map.has("schedule")) {
            catchupValue.orElseThrow().report("catch-up needs a schedule");
        }
        int maxCatchupRuns = map.get("maxCatchupRuns").flatMap(value -> value.integer(1, MAX_CATCHUP_RUNS))
                .orElse(DEFAULT_MAX_CATCHUP_RUNS);
        int maxActiveRuns = map.get("maxActiveRuns").flatMap(value -> value.integer(1, MAX_ACTIVE_RUNS)).orElse(1);
        Map<String, String> parameters = map.get("parameters").flatMap(YamlValue::textMap).orElse(Map.of());
        PartialSettings defaults = map.get("defaults").flatMap(value -> value.readMap(PipelineReader::defaults))
                .orElse(PartialSettings.NONE);
        List<TaskReader.Draft> drafts = map.require("tasks").map(value -> tasks(value, defaults)).orElse(List.of());
        Optional<AlertSpec> alerts = map.get("alerts").flatMap(value -> value.readMap(PipelineReader::alerts));
        map.rejectUnknownKeys();
        DependencyCheck.check(drafts);
        problems.throwIfAny();
        List<TaskSpec> tasks = drafts.stream().map(draft -> draft.task().orElseThrow()).toList();
        FieldCheck.check(name.orElseThrow(), tasks, drafts.stream().collect(Collectors.toMap(draft -> draft.task().orElseThrow().id(),
                Function.identity())));
        problems.throwIfAny();
        return new PipelineSpec(name.orElseThrow(), description, schedule, timezone, catchup, maxCatchupRuns,
                maxActiveRuns, parameters, tasks, alerts);
    }

    private static Supplier<AlertSpec> alerts(YamlMap map) {
        Optional<Duration> sla = map.get("sla").flatMap(SpecValues::positiveDuration);
        boolean onFailure = map.get("onFailure").flatMap(YamlValue::bool).orElse(true);
        Optional<Double> rejectRate = map.get("rejectRate").flatMap(SpecValues::fraction);
        List<String> channels = map.get("channels").flatMap(value -> value.listOf(SpecValues::name)).orElse(List.of());
        map.rejectUnknownKeys();
        return () -> new AlertSpec(sla, onFailure, rejectRate, channels);
    }

    /** Settings for every task; problems with the backoffs show when they are applied to a task. */
    private static Supplier<PartialSettings> defaults(YamlMap map) {
        PartialSettings settings = PartialSettings.read(map);
        return () -> settings;
    }

    private List<TaskReader.Draft> tasks(YamlValue value, PartialSettings defaults) {
        TaskReader reader = new TaskReader(defaults, new SchemaReader(baseDirectory), executedKinds);
        return value.list().map(entries -> {
            if (entries.isEmpty()) {
                value.report("a pipeline needs at least one task");
            }
            return entries.stream().map(reader::read).toList();
        }).orElse(List.of());
    }
}
