package io.conveyor.scheduler.tracker;

import io.conveyor.pipeline.spec.param.PipelineParameters;
import io.conveyor.control.PipelineVersion;
import io.conveyor.control.TaskKind;
import io.conveyor.pipeline.spec.AlertSpec;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import io.conveyor.pipeline.spec.load.Trust;
import io.conveyor.pipeline.spec.load.PipelineValidationException;
import io.conveyor.schemas.TopicNames;
import io.conveyor.scheduler.dag.DagDefinition;
import io.conveyor.scheduler.dag.DagTask;
import io.conveyor.pipeline.spec.TriggerRule;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of one deployed pipeline version that a run keeps for its whole life: the task graph,
 * the limits and what each task command carries. Built by parsing the version's YAML again, so a
 * run never depends on how the deploying side modelled the pipeline.
 */
public record PinnedPipeline(
        String name,
        int version,
        int maxActiveRuns,
        Map<String, String> parameters,
        Set<String> parameterNames,
        DagDefinition dag,
        Map<String, TaskLaunch> launches,
        String deadLetterTopic,
        Optional<AlertSpec> alerts) {

    public PinnedPipeline {
        Objects.requireNonNull(name, "name");
        parameters = Map.copyOf(parameters);
        parameterNames = Set.copyOf(parameterNames);
        Objects.requireNonNull(dag, "dag of pipeline " + name);
        launches = Map.copyOf(launches);
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic of pipeline " + name);
        Objects.requireNonNull(alerts, "alerts of pipeline " + name);
    }

    /**
     * @throws PipelineValidationException if the deployed YAML no longer parses
     * @throws IllegalArgumentException if the version's name differs from the YAML's or a task graph is invalid
     */
    public static PinnedPipeline pin(PipelineVersion version, TopicNames topics) throws PipelineValidationException {
        String file = version.getSourceFile() == null ? version.getName() + ".yaml" : version.getSourceFile();
        PipelineSpec spec = PipelineLoader.parse(version.getDefinition(), file, Trust.STORED);
        if (!spec.name().equals(version.getName())) {
            throw new IllegalArgumentException("pipeline version " + version.getVersion() + " is deployed as '"
                    + version.getName() + "' but its definition names '" + spec.name() + "'");
        }
        Map<String, TaskLaunch> launches = new HashMap<>();
        for (TaskSpec task : spec.tasks()) {
            launches.put(task.id(), launch(spec, task, topics));
        }
        DagDefinition dag = new DagDefinition(spec.tasks().stream().map(task -> dagTask(spec, task)).toList());
        return new PinnedPipeline(spec.name(), version.getVersion(), spec.maxActiveRuns(), spec.parameters(),
                PipelineParameters.names(spec), dag,
                launches, topics.deadLetters(spec.name()), spec.alerts());
    }

    static DagTask dagTask(PipelineSpec spec, TaskSpec task) {
        var settings = task.settings();
        return new DagTask(task.id(), task.dependsOn(), task.triggerRule(),
                settings.retry().maxRetries(), settings.retry().backoff(), settings.retry().maxBackoff(),
                settings.timeout(), settings.priority(), settings.rejectThreshold(), streamsInput(spec, task));
    }

    /**
     * Whether a task consumes its upstream's records while they are produced, so that the stages
     * of a run overlap instead of each waiting for the previous one to finish: a transform or load
     * task under all_success whose upstream tasks, transitively, all produce data (extract,
     * transform) and can only end by failing, never by a reject threshold. A threshold is judged
     * on a task's totals after its last record, when a streaming consumer may already have made
     * its output visible (a loader merges at END), so such a chain runs stage by stage.
     */
    static boolean streamsInput(PipelineSpec spec, TaskSpec task) {
        TaskKind kind = kind(task);
        return (kind == TaskKind.TRANSFORM || kind == TaskKind.LOAD) && !task.dependsOn().isEmpty()
                && task.triggerRule() == TriggerRule.ALL_SUCCESS
                && task.dependsOn().stream().map(id -> spec.task(id).orElseThrow())
                        .allMatch(upstream -> streamableUpstream(spec, upstream));
    }

    private static boolean streamableUpstream(PipelineSpec spec, TaskSpec upstream) {
        TaskKind kind = kind(upstream);
        boolean producesData = kind == TaskKind.EXTRACT || kind == TaskKind.TRANSFORM;
        return producesData && upstream.settings().rejectThreshold() >= 1.0
                && (kind == TaskKind.EXTRACT || streamsInput(spec, upstream));
    }

    private static TaskKind kind(TaskSpec task) {
        return TaskKind.valueOf(task.kind().name());
    }

    /** The command carries the task's canonical JSON, which {@code TaskSpec.fromCanonicalJson} reads back exactly. */
    private static TaskLaunch launch(PipelineSpec spec, TaskSpec task, TopicNames topics) {
        var inputs = task.dependsOn().stream().map(upstream -> topics.data(spec.name(), upstream)).toList();
        return new TaskLaunch(kind(task), task.canonicalJson(), inputs,
                topics.data(spec.name(), task.id()), task.settings().priority());
    }
}
