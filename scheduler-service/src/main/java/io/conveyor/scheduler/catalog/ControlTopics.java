package io.conveyor.scheduler.catalog;

import io.conveyor.control.TaskKind;
import io.conveyor.schemas.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.conveyor.kafka.TopicCreator;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The control plane's topics, created when missing by the shared {@link TopicCreator} (which also
 * refuses an existing state topic that is not compacted). Replication follows the broker's
 * default, so the same code serves one local broker and a cluster.
 */
public final class ControlTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Map<String, String> COMPACTED =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    private ControlTopics() {
    }

    /** A compacted single-partition topic the scheduler keeps its state in. */
    public static void ensureCompacted(Map<String, Object> clientConfig, String topic) {
        ensure(clientConfig, List.of(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(COMPACTED)));
    }

    /**
     * Every topic the scheduler, the tracker and the services exchange control records on.
     *
     * @param pipelinePartitions partitions of the triggers and task-status topics, which the tracker
     *                           reads co-partitioned by pipeline, so they must have the same count
     */
    public static void ensureControlPlane(Map<String, Object> clientConfig, TopicNames names, int pipelinePartitions) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(names.triggers(), Optional.of(pipelinePartitions), Optional.empty()));
        topics.add(new NewTopic(names.taskStatus(), Optional.of(pipelinePartitions), Optional.empty()));
        for (String topic : List.of(names.triggerDeadLetters(), names.runs(), names.alerts())) {
            topics.add(new NewTopic(topic, Optional.of(1), Optional.empty()));
        }
        for (TaskKind kind : List.of(TaskKind.EXTRACT, TaskKind.TRANSFORM, TaskKind.LOAD, TaskKind.SQL)) {
            topics.add(new NewTopic(names.taskCommands(kind), Optional.of(1), Optional.empty()));
        }
        topics.add(new NewTopic(names.pipelines(), Optional.of(1), Optional.empty()).configs(COMPACTED));
        ensure(clientConfig, topics);
    }

    /** With the whole client configuration, so a secured cluster's settings reach the admin client too. */
    static void ensure(Map<String, Object> clientConfig, List<NewTopic> topics) {
        TopicCreator.ensure(clientConfig, TIMEOUT, topics);
    }

    /**
     * Creates the topics that are missing.
     *
     * @return the names of the topics this call created (not those that existed), so a caller that fails
     *         later can remove exactly what it added
     * @throws TopicCreator.TopicCreationException when a topic cannot be created; it names the topics created before it
     */
    static List<String> createMissing(Map<String, Object> clientConfig, List<NewTopic> topics) {
        return TopicCreator.createMissing(clientConfig, TIMEOUT, topics);
    }

    /**
     * Deletes the named topics; a topic that does not exist is not an error.
     *
     * @return the names of the topics that existed and were deleted
     */
    public static List<String> delete(Map<String, Object> clientConfig, List<String> topics) {
        return TopicCreator.delete(clientConfig, TIMEOUT, topics);
    }
}
