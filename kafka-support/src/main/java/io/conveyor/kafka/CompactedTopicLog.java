package io.conveyor.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Conveyor reads a compacted topic into memory: every committed record from the
 * beginning, in offset order per partition, with {@code read_committed} (records of aborted or
 * fenced transactions never count) and no consumer group. Either {@linkplain #follow followed} on a
 * thread of its own, with {@link #readToEnd()} as the read-your-writes barrier, or
 * {@linkplain #readOnce read once} to its end. The pipeline catalog, the schedule state, the
 * registry's store and the extractor's checkpoints all read through it.
 *
 * @param <K> the key type
 * @param <V> the value type; a {@code null} value is a tombstone
 */
public final class CompactedTopicLog<K, V> implements AutoCloseable {

    /** Applies one record; called on the reading thread, in offset order per partition. */
    @FunctionalInterface
    public interface RecordHandler<K, V> {
        void apply(ConsumerRecord<K, V> record);
    }

    /** Which of the topic's partitions to read, given all of them in partition order. */
    @FunctionalInterface
    public interface PartitionChoice {
        PartitionChoice ALL = all -> all;

        List<TopicPartition> choose(List<TopicPartition> all);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicLog.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final String topic;
    private final KafkaConsumer<K, V> consumer;
    private final RecordHandler<K, V> handler;
    private final Duration timeout;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final List<Barrier> barriers = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private CompactedTopicLog(String topic, KafkaConsumer<K, V> consumer, RecordHandler<K, V> handler, Duration timeout) {
        this.topic = topic;
        this.consumer = consumer;
        this.handler = handler;
        this.timeout = timeout;
        this.thread = new Thread(this::follow, "follow-" + topic);
        this.thread.setDaemon(true);
    }

    /**
     * Starts following every partition of the topic and returns once it has been read to its end.
     *
     * @param clientConfig Kafka client settings; the group id and offset commits are dropped
     * @throws TopicReadException if the topic cannot be read to its end within {@code timeout}
     */
    public static <K, V> CompactedTopicLog<K, V> follow(Map<String, Object> clientConfig, String topic,
                                                        Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
                                                        RecordHandler<K, V> handler, Duration timeout) {
        KafkaConsumer<K, V> consumer = assignedFromBeginning(clientConfig, topic, PartitionChoice.ALL, keyDeserializer,
                valueDeserializer, timeout);
        CompactedTopicLog<K, V> log = new CompactedTopicLog<>(topic, consumer, handler, timeout);
        log.thread.start();
        try {
            log.readToEnd();
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    /**
     * Reads the chosen partitions from their beginning to their end as of the call, then stops: for a
     * caller that needs the topic's state once (one key's latest value, say) and must not keep a thread.
     *
     * @throws TopicReadException if the partitions cannot be read to their end within {@code timeout}
     */
    public static <K, V> void readOnce(Map<String, Object> clientConfig, String topic, PartitionChoice choice,
                                       Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
                                       RecordHandler<K, V> handler, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<K, V> consumer = assignedFromBeginning(clientConfig, topic, choice, keyDeserializer,
                valueDeserializer, timeout)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
            while (!reached(consumer, ends, timeout)) {
                if (System.nanoTime() > deadline) {
                    throw new TopicReadTimeoutException("Reading " + topic + " to its end took longer than " + timeout, null);
                }
                consumer.poll(POLL).forEach(handler::apply);
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TopicReadTimeoutException("Reading " + topic + " to its end took longer than " + timeout, e);
        }
    }

    /**
     * Waits until every record committed to the topic before this call has been applied.
     *
     * @throws TopicReadException if following failed, or the topic could not be read in time
     */
    public void readToEnd() {
        await(Optional.empty());
    }

    /**
     * Waits until the given offsets have been passed: what a writer of the topic calls with the
     * offset after its own last record, because a transaction's commit may return before its marker
     * moves the topic's committed end past the records.
     */
    public void awaitOffsets(Map<TopicPartition, Long> offsets) {
        await(Optional.of(Map.copyOf(offsets)));
    }

    private void await(Optional<Map<TopicPartition, Long>> offsets) {
        if (!thread.isAlive()) {
            throw new TopicReadException("The follower of " + topic + " has stopped", failure);
        }
        Request request = new Request(offsets, new CompletableFuture<>());
        requests.add(request);
        try {
            request.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicReadException("Cannot read " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicReadTimeoutException("Reading " + topic + " to its end took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicReadException("Interrupted while reading " + topic, e);
        }
    }

    private void follow() {
        try {
            while (running) {
                planBarriers();
                consumer.poll(POLL).forEach(handler::apply);
                releaseBarriers();
            }
        } catch (WakeupException | InterruptException closing) {
            // close() wakes the consumer up; nothing is lost, the owner stops reading.
        } catch (RuntimeException e) {
            LOG.error("Stopped following {}: every read to its end now fails until the owner is restarted", topic, e);
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
            failAll(failure != null ? failure : new TopicReadException("The follower of " + topic + " is closed", null));
        }
    }

    private void planBarriers() {
        List<CompletableFuture<Void>> toEnd = new ArrayList<>();
        for (Request request = requests.poll(); request != null; request = requests.poll()) {
            if (request.offsets().isPresent()) {
                barriers.add(new Barrier(request.offsets().get(), List.of(request.done())));
            } else {
                toEnd.add(request.done());
            }
        }
        if (!toEnd.isEmpty()) {
            // One lookup of the end offsets serves every caller that asked since the last poll.
            barriers.add(new Barrier(consumer.endOffsets(consumer.assignment(), timeout), toEnd));
        }
    }

    private void releaseBarriers() {
        barriers.removeIf(barrier -> {
            boolean passed = reached(consumer, barrier.offsets(), timeout);
            if (passed) {
                barrier.waiting().forEach(request -> request.complete(null));
            }
            return passed;
        });
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> offsets, Duration timeout) {
        return offsets.entrySet().stream().allMatch(end -> consumer.position(end.getKey(), timeout) >= end.getValue());
    }

    private void failAll(RuntimeException cause) {
        barriers.forEach(barrier -> barrier.waiting().forEach(request -> request.completeExceptionally(cause)));
        for (Request request = requests.poll(); request != null; request = requests.poll()) {
            request.done().completeExceptionally(cause);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <K, V> KafkaConsumer<K, V> assignedFromBeginning(Map<String, Object> clientConfig, String topic,
                                                                    PartitionChoice choice, Deserializer<K> keyDeserializer,
                                                                    Deserializer<V> valueDeserializer, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        // A barrier waits for the follower's position, which moves only when a fetch returns; at the end of
        // the topic the broker holds a fetch up to this long, so it bounds how long a read-your-writes
        // barrier (a registry look-up, a deploy) waits on a quiet topic (Kafka's default is 500 ms).
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL.toMillis());
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keyDeserializer, valueDeserializer);
        try {
            List<TopicPartition> partitions = choice.choose(partitions(consumer, topic, timeout));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** A topic created a moment ago may not be in the metadata yet: asked again until the timeout. */
    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new TopicReadTimeoutException("The topic " + topic + " has no partitions after " + timeout, null);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicReadException("Interrupted while looking up " + topic, e);
            }
        }
    }

    private record Request(Optional<Map<TopicPartition, Long>> offsets, CompletableFuture<Void> done) {
    }

    private record Barrier(Map<TopicPartition, Long> offsets, List<CompletableFuture<Void>> waiting) {
    }

    /** A compacted topic could not be read: the follower failed or stopped, or the read was interrupted. */
    public static class TopicReadException extends RuntimeException {

        TopicReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A compacted topic could not be read to its end in time: worth trying again later. */
    public static final class TopicReadTimeoutException extends TopicReadException {

        TopicReadTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
