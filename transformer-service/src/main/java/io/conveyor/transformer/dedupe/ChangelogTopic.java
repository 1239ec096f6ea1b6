package io.conveyor.transformer.dedupe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The compacted topic that makes a task's seen keys durable. Changelog partition p holds the keys
 * of the task's input shard p (see {@code InputShards}), so whoever owns the shard restores exactly
 * that partition; its partition count must therefore equal the number of input partitions.
 */
final class ChangelogTopic {

    private ChangelogTopic() {
    }

    static void ensure(Admin admin, String topic, int partitions) {
        NewTopic changelog = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(changelog)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new DedupeStoreException("cannot create the dedupe changelog " + topic, e.getCause());
            }
            requirePartitions(admin, topic, partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DedupeStoreException("interrupted creating the dedupe changelog " + topic, e);
        }
    }

    private static void requirePartitions(Admin admin, String topic, int partitions) {
        try {
            int existing = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            if (existing != partitions) {
                throw new IllegalStateException("the dedupe changelog " + topic + " has " + existing
                        + " partitions but the task has " + partitions + " input partitions; they must match");
            }
        } catch (ExecutionException e) {
            throw new DedupeStoreException("cannot describe the dedupe changelog " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DedupeStoreException("interrupted describing the dedupe changelog " + topic, e);
        }
    }
}
