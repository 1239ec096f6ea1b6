package io.conveyor.transformer.dedupe;

import io.conveyor.kafka.TopicCreator;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The compacted topic that makes a task's seen keys durable. Changelog partition p holds the keys
 * of the task's input shard p (see {@code InputShards}), so whoever owns the shard restores exactly
 * that partition; its partition count must therefore equal the number of input partitions.
 * Created by the shared {@link TopicCreator}, which also refuses an existing changelog that is not compacted.
 */
final class ChangelogTopic {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ChangelogTopic() {
    }

    static void ensure(Admin admin, String topic, int partitions) {
        TopicCreator creator = TopicCreator.using(admin, TIMEOUT);
        int existing;
        try {
            creator.ensure(TopicCreator.compacted(topic, Optional.of(partitions)));
            existing = creator.partitions(topic);
        } catch (TopicCreator.TopicCreationException e) {
            throw new DedupeStoreException("the dedupe changelog " + topic + ": " + e.getMessage(), e);
        }
        if (existing != partitions) {
            // Not transient: retrying cannot change the partition count.
            throw new IllegalStateException("the dedupe changelog " + topic + " has " + existing
                    + " partitions but the task has " + partitions + " input partitions; they must match");
        }
    }
}
