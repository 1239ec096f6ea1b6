package io.conveyor.scheduler.deadletters;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskKind;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.schemas.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a letter re-enters the current version of its pipeline. A replay run's extract tasks write
 * the letters; a letter rejected by task T, which read it from the output topic of task U, is
 * written by an extract task E from which U is reached, and travels E's output through the
 * transform tasks between E and U unchanged to T, which handles it as it handles every record.
 * Pure: the pipeline definition in, routes out.
 */
final class ReplayRoutes {

    private final PipelineSpec pipeline;
    private final TopicNames topics;

    ReplayRoutes(PipelineSpec pipeline, TopicNames topics) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    /**
     * @param extractTask the replay run's extract task that writes the letter
     * @param tasks       the tasks after it, in order, ending with the task that rejected the letter
     */
    record Route(String extractTask, List<String> tasks) {

        Route {
            tasks = List.copyOf(tasks);
        }

        /** The {@code conveyor.replay.route} header's value. */
        String header() {
            return String.join(",", tasks);
        }
    }

    /**
     * The route of a letter rejected by {@code taskId} while reading {@code sourceTopic}; empty when
     * the current version has no such task, or the task no longer reads that topic.
     */
    Optional<Route> route(String taskId, String sourceTopic) {
        Optional<TaskSpec> task = pipeline.task(taskId);
        if (task.isEmpty() || task.get().kind() == TaskKind.EXTRACT || sourceTopic == null) {
            return Optional.empty();
        }
        for (String upstream : task.get().dependsOn()) {
            if (producesData(upstream) && topics.data(pipeline.name(), upstream).equals(sourceTopic)) {
                return pathFromExtract(upstream).map(path -> {
                    List<String> tasks = new ArrayList<>(path.tasks());
                    tasks.add(taskId);
                    return new Route(path.extractTask(), tasks);
                });
            }
        }
        return Optional.empty();
    }

    /** A path of data from an extract task to {@code taskId}: the extract task and the transforms after it. */
    private Optional<Route> pathFromExtract(String taskId) {
        TaskSpec task = pipeline.task(taskId).orElseThrow();
        if (task.kind() == TaskKind.EXTRACT) {
            return Optional.of(new Route(taskId, List.of()));
        }
        for (String upstream : task.dependsOn()) {
            if (producesData(upstream)) {
                Optional<Route> path = pathFromExtract(upstream);
                if (path.isPresent()) {
                    List<String> tasks = new ArrayList<>(path.get().tasks());
                    tasks.add(taskId);
                    return Optional.of(new Route(path.get().extractTask(), tasks));
                }
            }
        }
        return Optional.empty();
    }

    private boolean producesData(String taskId) {
        return pipeline.task(taskId).map(t -> t.kind() == TaskKind.EXTRACT || t.kind() == TaskKind.TRANSFORM).orElse(false);
    }
}
