package io.conveyor.scheduler.schedule;

import io.conveyor.kafka.CompactedTopicLog;
import io.conveyor.scheduler.catalog.ControlTopics;
import io.conveyor.schemas.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The latest fire time each pipeline's schedule has been dealt with up to, shared by every scheduler
 * replica through the compacted {@code {prefix}.scheduler-state} topic (key: pipeline, value: epoch
 * millis). Replicas write it in the transaction of the triggers they fire, so it survives restarts
 * and is never ahead of the triggers.
 */
final class ScheduleState implements AutoCloseable {

    private final Map<String, Instant> lastScheduled = new ConcurrentHashMap<>();
    private CompactedTopicLog<String, Long> log;

    private ScheduleState() {
    }

    static ScheduleState start(Map<String, Object> clientConfig, TopicNames topics, Duration timeout) {
        ControlTopics.ensureCompacted(clientConfig, topics.schedulerState());
        ScheduleState state = new ScheduleState();
        state.log = CompactedTopicLog.follow(clientConfig, topics.schedulerState(), new StringDeserializer(),
                new LongDeserializer(), record -> state.apply(record.key(), record.value()), timeout);
        return state;
    }

    Optional<Instant> lastScheduled(String pipeline) {
        return Optional.ofNullable(lastScheduled.get(pipeline));
    }

    /** Reads what other replicas committed so far. */
    void catchUp() {
        log.readToEnd();
    }

    /** Records this replica's own committed progress without waiting for it to come back from the topic. */
    void advance(String pipeline, Instant scheduledThrough) {
        lastScheduled.merge(pipeline, scheduledThrough, ScheduleState::later);
    }

    private void apply(String pipeline, Long epochMillis) {
        if (epochMillis == null) {
            lastScheduled.remove(pipeline);
        } else {
            advance(pipeline, Instant.ofEpochMilli(epochMillis));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
        }
    }
}
