package io.conveyor.pipeline.spec;

import io.conveyor.pipeline.cron.CronSchedule;
import io.conveyor.pipeline.spec.canonical.CanonicalJsonReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A validated pipeline: what to run, when, and how its tasks depend on each other. Task ids are
 * unique and the dependency graph is acyclic; the constructor refuses anything else. Build one from
 * YAML with {@link io.conveyor.pipeline.spec.load.PipelineLoader}.
 *
 * @param schedule      empty when the pipeline runs only when triggered
 * @param parameters    default run parameters, which a trigger may override
 * @param alerts        when runs raise alerts and who hears of them; empty: no alerts
 */
public record PipelineSpec(String name, Optional<String> description, Optional<CronSchedule> schedule, ZoneId timezone,
                           CatchupPolicy catchup, int maxCatchupRuns, int maxActiveRuns,
                           Map<String, String> parameters, List<TaskSpec> tasks, Optional<AlertSpec> alerts) {

    public PipelineSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(catchup, "catchup");
        Objects.requireNonNull(alerts, "alerts");
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        tasks = List.copyOf(tasks);
        if (maxCatchupRuns < 1 || maxActiveRuns < 1) {
            throw new IllegalArgumentException("maxCatchupRuns and maxActiveRuns must be positive");
        }
        TaskGraph.topologicalOrder(dependencies(tasks));
    }

    public Optional<TaskSpec> task(String id) {
        return tasks.stream().filter(task -> task.id().equals(id)).findFirst();
    }

    /** Every task after the tasks it depends on; independent tasks keep their declaration order. */
    public List<TaskSpec> topologicalOrder() {
        Map<String, TaskSpec> byId = tasks.stream().collect(Collectors.toMap(TaskSpec::id, Function.identity()));
        return TaskGraph.topologicalOrder(dependencies(tasks)).stream().map(byId::get).toList();
    }

    /**
     * The spec as JSON with sorted keys, defaults applied and absent options left out: equal specs
     * give equal text, however their YAML was written.
     */
    public String canonicalJson() {
        return CanonicalJson.of(this);
    }

    /**
     * The spec that {@link #canonicalJson()} rendered: {@code fromCanonicalJson(spec.canonicalJson())} equals
     * {@code spec} and has its fingerprint.
     *
     * @throws io.conveyor.pipeline.spec.canonical.CanonicalJsonException naming the JSON path of the first
     *         problem, when the text is not JSON, does not have the canonical structure, or describes an
     *         invalid spec
     */
    public static PipelineSpec fromCanonicalJson(String json) {
        return CanonicalJsonReader.read(json);
    }

    /** SHA-256 of {@link #canonicalJson()} in lower-case hex: identifies this version of the pipeline. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static Map<String, List<String>> dependencies(List<TaskSpec> tasks) {
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (TaskSpec task : tasks) {
            if (!ids.add(task.id())) {
                throw new IllegalArgumentException("duplicate task id " + task.id());
            }
            dependencies.put(task.id(), task.dependsOn());
        }
        return dependencies;
    }
}
