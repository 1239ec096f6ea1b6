package io.conveyor.scheduler.deadletters;

import io.conveyor.kafka.CompactedTopicLog;
import io.conveyor.scheduler.catalog.ControlTopics;
import io.conveyor.schemas.TopicNames;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The states of the handled letters of every pipeline, followed from the compacted
 * {@code {prefix}.dead-letter-states} topic (key {@code pipeline/topic id/letter id}: a pipeline deleted
 * and deployed again has a new dead-letter topic, whose letters start again at offset 0 and must
 * not inherit the states of the old one's). Open letters have no
 * entry, so what is held grows with the letters handled, not with the dead-letter topics.
 */
final class LetterStates implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LetterStates.class);

    private final Map<String, LetterState> states = new ConcurrentHashMap<>();
    private final CompactedTopicLog<String, byte[]> log;

    private LetterStates(Map<String, Object> clientConfig, String topic, Duration timeout) {
        this.log = CompactedTopicLog.follow(clientConfig, topic, new StringDeserializer(), new ByteArrayDeserializer(),
                record -> apply(record.key(), record.value()), timeout);
    }

    static LetterStates start(Map<String, Object> clientConfig, TopicNames topics, Duration timeout) {
        ControlTopics.ensureCompacted(clientConfig, topics.deadLetterStates());
        return new LetterStates(clientConfig, topics.deadLetterStates(), timeout);
    }

    /** @param scope a dead-letter topic's incarnation, {@link DeadLetterScan#scope} */
    LetterState.Kind kind(String scope, LetterId id) {
        return state(scope, id).map(LetterState::state).orElse(LetterState.Kind.OPEN);
    }

    Optional<LetterState> state(String scope, LetterId id) {
        return Optional.ofNullable(states.get(id.stateKey(scope)));
    }

    /** Reads what every scheduler replica committed so far. */
    void catchUp() {
        log.readToEnd();
    }

    /**
     * Waits until the follower has applied this replica's committed states up to {@code last}: a
     * commit returns before its marker lets readers see the records, and the answer to a replay or a
     * discard must be visible in the next listing.
     */
    void awaitOwn(RecordMetadata last) {
        log.awaitOffsets(Map.of(new TopicPartition(last.topic(), last.partition()), last.offset() + 1));
    }

    private void apply(String key, byte[] value) {
        if (key == null) {
            return;
        }
        if (value == null) {
            states.remove(key);
            return;
        }
        try {
            // The first state of a letter wins: a claim is never overwritten, whatever a later record says.
            states.putIfAbsent(key, LetterState.fromJson(value));
        } catch (UncheckedIOException e) {
            LOG.warn("ignoring an unreadable dead-letter state for {}: {}", key, e.getMessage());
        }
    }

    @Override
    public void close() {
        log.close();
    }
}
