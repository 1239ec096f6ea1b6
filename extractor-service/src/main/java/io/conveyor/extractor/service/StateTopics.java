package io.conveyor.extractor.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the extractor's compacted state topics when they are missing, with the broker's default sizing. */
final class StateTopics {

    private StateTopics() {
    }

    static void ensureCompacted(Map<String, Object> clientConfig, String... topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", clientConfig.get("bootstrap.servers")))) {
            for (String topic : topics) {
                NewTopic compacted = new NewTopic(topic, Optional.empty(), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(compacted)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create the extractor's state topic " + topic, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted creating the extractor's state topic " + topic, e);
                }
            }
        }
    }
}
