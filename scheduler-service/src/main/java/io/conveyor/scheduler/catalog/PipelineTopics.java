package io.conveyor.scheduler.catalog;

import io.conveyor.kafka.TopicCreator;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskKind;
import io.conveyor.schemas.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates a pipeline's data-plane topics when it is deployed: one data topic per extract and
 * transform task and the pipeline's dead-letter topic. Services never rely on the broker
 * creating topics on first use (production clusters switch that off, and a topic made that way
 * gets the broker's default partition count instead of the one the pipeline was sized for).
 * Existing topics are left as they are.
 */
public final class PipelineTopics {

    private PipelineTopics() {
    }

    public static void ensure(Map<String, Object> clientConfig, TopicNames names, PipelineSpec pipeline, int partitions) {
        ControlTopics.ensure(clientConfig, topics(names, pipeline, partitions));
    }

    /**
     * Like {@link #ensure} but answers the topics this call created, so a deployment that fails later can
     * delete exactly those and leave nothing behind.
     *
     * @throws TopicCreator.TopicCreationException naming the topics created before the one that failed
     */
    public static List<String> createMissing(Map<String, Object> clientConfig, TopicNames names, PipelineSpec pipeline,
                                             int partitions) {
        return ControlTopics.createMissing(clientConfig, topics(names, pipeline, partitions));
    }

    /**
     * Every topic that belongs to the pipeline by the naming convention, derived from its definition (never
     * by listing names that merely look alike, which could match another installation's topics under a
     * longer prefix): its tasks' data topics, its dead-letter topic and the dedupe changelogs of its
     * transform tasks.
     */
    public static List<String> owned(TopicNames names, PipelineSpec pipeline) {
        List<String> owned = new ArrayList<>();
        for (var task : pipeline.topologicalOrder()) {
            if (task.kind() == TaskKind.EXTRACT || task.kind() == TaskKind.TRANSFORM) {
                owned.add(names.data(pipeline.name(), task.id()));
            }
            if (task.kind() == TaskKind.TRANSFORM) {
                owned.add(names.dedupeChangelog(pipeline.name(), task.id()));
            }
        }
        owned.add(names.deadLetters(pipeline.name()));
        return owned;
    }

    static List<NewTopic> topics(TopicNames names, PipelineSpec pipeline, int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        pipeline.tasks().stream()
                .filter(task -> task.kind() == TaskKind.EXTRACT || task.kind() == TaskKind.TRANSFORM)
                .forEach(task -> topics.add(new NewTopic(names.data(pipeline.name(), task.id()), Optional.of(partitions),
                        Optional.empty())));
        topics.add(new NewTopic(names.deadLetters(pipeline.name()), Optional.of(partitions), Optional.empty()));
        return topics;
    }
}
