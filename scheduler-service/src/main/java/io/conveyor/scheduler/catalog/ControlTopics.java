package io.conveyor.scheduler.catalog;

import io.conveyor.control.TaskKind;
import io.conveyor.schemas.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the control plane's topics when they are missing. Replication follows the broker's
 * default, so the same code serves one local broker and a cluster.
 */
public final class ControlTopics {

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
        for (String topic : List.of(names.triggerDeadLetters(), names.runs())) {
            topics.add(new NewTopic(topic, Optional.of(1), Optional.empty()));
        }
        for (TaskKind kind : List.of(TaskKind.EXTRACT, TaskKind.TRANSFORM, TaskKind.LOAD, TaskKind.SQL)) {
            topics.add(new NewTopic(names.taskCommands(kind), Optional.of(1), Optional.empty()));
        }
        topics.add(new NewTopic(names.pipelines(), Optional.of(1), Optional.empty()).configs(COMPACTED));
        ensure(clientConfig, topics);
    }

    static void ensure(Map<String, Object> clientConfig, List<NewTopic> topics) {
        createMissing(clientConfig, topics);
    }

    /**
     * Creates the topics that are missing.
     *
     * @return the names of the topics this call created (not those that existed), so a caller that fails
     *         later can remove exactly what it added
     * @throws TopicCreationException when a topic cannot be created; it names the topics created before it
     */
    static List<String> createMissing(Map<String, Object> clientConfig, List<NewTopic> topics) {
        Object servers = clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        List<String> created = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            for (NewTopic topic : topics) {
                try {
                    if (createUnlessPresent(admin, topic, servers)) {
                        created.add(topic.name());
                    }
                } catch (IllegalStateException e) {
                    throw new TopicCreationException(e.getMessage(), e.getCause(), created);
                }
            }
        }
        return created;
    }

    /**
     * Deletes the named topics; a topic that does not exist is not an error.
     *
     * @return the names of the topics that existed and were deleted
     */
    public static List<String> delete(Map<String, Object> clientConfig, List<String> topics) {
        Object servers = clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        List<String> deleted = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            for (String topic : topics) {
                try {
                    admin.deleteTopics(List.of(topic)).all().get();
                    deleted.add(topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw new IllegalStateException("Cannot delete the topic " + topic + " on " + servers + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted deleting the topic " + topic, e);
                }
            }
        }
        return deleted;
    }

    /** @return whether this call created the topic */
    private static boolean createUnlessPresent(Admin admin, NewTopic topic, Object servers) {
        try {
            admin.createTopics(List.of(topic)).all().get();
            return true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create the topic " + topic.name() + " on " + servers, e.getCause());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating the topic " + topic.name(), e);
        }
    }

    /** A topic could not be created; {@link #created()} are those created before it by the same call. */
    public static final class TopicCreationException extends IllegalStateException {

        private final List<String> created;

        TopicCreationException(String message, Throwable cause, List<String> created) {
            super(message, cause);
            this.created = List.copyOf(created);
        }

        public List<String> created() {
            return created;
        }
    }
}
