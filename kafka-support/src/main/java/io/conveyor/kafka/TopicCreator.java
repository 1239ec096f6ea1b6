package io.conveyor.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The one way Conveyor creates its topics (in the spirit of Kafka Connect's {@code TopicAdmin}):
 * create when absent with the given partitions, replication and configs, accept a topic someone
 * else created first (another instance, an operator, the compose one-shot), and refuse an existing
 * topic a Conveyor component would silently misuse: one that must be compacted but is not (its
 * state would be deleted by retention), or one whose partition count must match but does not.
 * Unset partitions or replication follow the broker's defaults, so the same call serves one local
 * broker and a cluster. The admin client is built from the shared {@link KafkaConnection}, so
 * secured clusters need nothing more.
 */
public final class TopicCreator implements AutoCloseable {

    private final Admin admin;
    private final boolean ownsAdmin;
    private final Duration timeout;

    private TopicCreator(Admin admin, boolean ownsAdmin, Duration timeout) {
        this.admin = admin;
        this.ownsAdmin = ownsAdmin;
        this.timeout = timeout;
    }

    /** A creator with an admin client of its own, closed with it. */
    public static TopicCreator connect(KafkaConnection connection, Duration timeout) {
        return new TopicCreator(Admin.create(connection.adminConfig()), true, timeout);
    }

    /** A creator on an admin client its caller owns and closes. */
    public static TopicCreator using(Admin admin, Duration timeout) {
        return new TopicCreator(admin, false, timeout);
    }

    /** Creates the topics that are missing, with {@link #connect} for the duration of the call. */
    public static void ensure(KafkaConnection connection, Duration timeout, Collection<NewTopic> topics) {
        ensure(connection.adminConfig(), timeout, topics);
    }

    /**
     * The same from a client configuration already derived from {@link KafkaConnection#clientConfig()}
     * (all of it: the security settings are what an admin client most often lacked).
     */
    public static void ensure(Map<String, Object> clientConfig, Duration timeout, Collection<NewTopic> topics) {
        try (TopicCreator creator = new TopicCreator(Admin.create(adminOnly(clientConfig)), true, timeout)) {
            creator.ensure(topics);
        }
    }

    /**
     * Like {@link #ensure(Map, Duration, Collection)}, telling which topics this call created.
     *
     * @return the names of the topics this call created (not those that existed), so a caller that fails
     *         later can remove exactly what it added
     * @throws TopicCreationException when a topic cannot be created; its {@code created()} are those created before it
     */
    public static List<String> createMissing(Map<String, Object> clientConfig, Duration timeout, Collection<NewTopic> topics) {
        try (TopicCreator creator = new TopicCreator(Admin.create(adminOnly(clientConfig)), true, timeout)) {
            return creator.createMissing(topics);
        }
    }

    /**
     * Deletes the named topics; a topic that does not exist is not an error.
     *
     * @return the names of the topics that existed and were deleted
     */
    public static List<String> delete(Map<String, Object> clientConfig, Duration timeout, Collection<String> topics) {
        try (TopicCreator creator = new TopicCreator(Admin.create(adminOnly(clientConfig)), true, timeout)) {
            List<String> deleted = new ArrayList<>();
            for (String topic : topics) {
                try {
                    creator.await("delete the topic " + topic, creator.admin.deleteTopics(List.of(topic)).all());
                    deleted.add(topic);
                } catch (TopicCreationException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
            return deleted;
        }
    }

    /** Drops the serde settings an admin client would only warn about. */
    /** A client configuration without the registry's keys, which an Admin client would log as unknown. */
    public static Map<String, Object> adminOnly(Map<String, Object> clientConfig) {
        Map<String, Object> admin = new java.util.HashMap<>(clientConfig);
        admin.keySet().removeIf(key -> key.startsWith("schema.registry.") || key.startsWith("basic.auth."));
        return admin;
    }

    /** A compacted topic with the broker's default partitions and replication unless given. */
    public static NewTopic compacted(String name, Optional<Integer> partitions) {
        return new NewTopic(name, partitions, Optional.empty()).configs(
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    public void ensure(NewTopic... topics) {
        ensure(List.of(topics));
    }

    /** Creates each missing topic; an existing one that must be compacted is checked to be. */
    public void ensure(Collection<NewTopic> topics) {
        createMissing(topics);
    }

    /** {@link #ensure(Collection)}, returning the names of the topics this call created. */
    public List<String> createMissing(Collection<NewTopic> topics) {
        List<String> created = new ArrayList<>();
        for (NewTopic topic : topics) {
            try {
                if (create(topic)) {
                    created.add(topic.name());
                } else if (isCompacted(topic.configs())) {
                    requireCompacted(topic.name());
                }
            } catch (TopicCreationException e) {
                throw new TopicCreationException(e.getMessage(), e.getCause(), created);
            }
        }
        return List.copyOf(created);
    }

    /**
     * Like {@link #ensure(Collection)} for one topic whose partition count is part of its contract
     * (a changelog partitioned like its input): an existing topic with another count is refused.
     */
    public void ensureExactPartitions(NewTopic topic) {
        ensure(List.of(topic));
        int existing = partitions(topic.name());
        if (existing != topic.numPartitions()) {
            throw new TopicCreationException("the topic " + topic.name() + " has " + existing
                    + " partitions but " + topic.numPartitions() + " are needed; they must match", null);
        }
    }

    /** The partition count of an existing topic. */
    public int partitions(String topic) {
        return await("describe the topic " + topic,
                admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
    }

    /** @return whether this call created the topic (false: it existed) */
    private boolean create(NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new TopicCreationException("cannot create the topic " + topic.name() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicCreationException("creating the topic " + topic.name() + " took longer than " + timeout
                    + " (is the cluster reachable with conveyor.kafka.*?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicCreationException("interrupted creating the topic " + topic.name(), e);
        }
    }

    private void requireCompacted(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = await("describe the configuration of the topic " + topic,
                admin.describeConfigs(List.of(resource)).all()).get(resource);
        ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String value = policy == null ? "" : policy.value();
        if (!value.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new TopicCreationException("the topic " + topic + " exists with cleanup.policy=" + value
                    + " but must be compacted (cleanup.policy=compact): with deletion its records, the state kept in it,"
                    + " would expire. Alter it (kafka-configs --alter --add-config cleanup.policy=compact) or delete it", null);
        }
    }

    private static boolean isCompacted(Map<String, String> configs) {
        return configs != null && configs.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, "")
                .contains(TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    private <T> T await(String what, org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicCreationException("cannot " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicCreationException("could not " + what + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicCreationException("interrupted: " + what, e);
        }
    }

    @Override
    public void close() {
        if (ownsAdmin) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /**
     * A topic could not be created or is unfit for its use; the message names the topic and why, and
     * {@link #created()} the topics the same call created before it.
     */
    public static final class TopicCreationException extends RuntimeException {

        private final List<String> created;

        public TopicCreationException(String message, Throwable cause) {
            this(message, cause, List.of());
        }

        public TopicCreationException(String message, Throwable cause, List<String> created) {
            super(message, cause);
            this.created = List.copyOf(created);
        }

        public List<String> created() {
            return created;
        }
    }
}
