package io.conveyor.launcher;

import io.conveyor.control.TaskKind;
import io.conveyor.schemas.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Creates the control-plane topics of a local installation before any service starts: the
 * services expect them (in production they are created by the deployment, see docs/architecture.md).
 * The triggers and task-status topics must have the same partition count, because the tracker
 * reads both partitioned by pipeline.
 */
final class ControlTopics {

    private static final int PARTITIONS = 1;

    private ControlTopics() {
    }

    static void create(String bootstrapServers, TopicNames names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : List.of(names.triggers(), names.triggerDeadLetters(), names.runs(), names.taskStatus())) {
            topics.add(new NewTopic(name, PARTITIONS, (short) 1));
        }
        for (TaskKind kind : List.of(TaskKind.EXTRACT, TaskKind.TRANSFORM, TaskKind.LOAD, TaskKind.SQL)) {
            topics.add(new NewTopic(names.taskCommands(kind), PARTITIONS, (short) 1));
        }
        topics.add(new NewTopic(names.pipelines(), 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : topics) {
                createUnlessPresent(admin, topic);
            }
        }
    }

    /** A restarted launcher finds its topics in the kept data directory. */
    private static void createUnlessPresent(Admin admin, NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic.name(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating topic " + topic.name(), e);
        }
    }
}
