package io.conveyor.scheduler.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds every committed record of a compacted topic, from its beginning, into its owner's state
 * and keeps following it on a thread of its own. {@link #catchUp()} is the read-your-writes
 * barrier: once it returns, every record committed before the call has been applied. Records are
 * read with {@code read_committed}, so records of aborted or fenced transactions never count.
 *
 * @param <V> the value type; a {@code null} value is a tombstone
 */
public final class CompactedTopicFollower<V> implements AutoCloseable {

    /** Applies one record; called on the follower's thread, in offset order. */
    @FunctionalInterface
    public interface RecordHandler<V> {
        void apply(String key, V value);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final String topic;
    private final KafkaConsumer<String, V> consumer;
    private final RecordHandler<V> handler;
    private final Duration timeout;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> requests = new ConcurrentLinkedQueue<>();
    private final List<Barrier> barriers = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private CompactedTopicFollower(String topic, KafkaConsumer<String, V> consumer, RecordHandler<V> handler, Duration timeout) {
        this.topic = topic;
        this.consumer = consumer;
        this.handler = handler;
        this.timeout = timeout;
        this.thread = new Thread(this::follow, "follow-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts following and returns once the topic has been read to its end. */
    public static <V> CompactedTopicFollower<V> start(Map<String, Object> clientConfig, String topic,
                                                      Deserializer<V> valueDeserializer, RecordHandler<V> handler, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer);
        List<TopicPartition> partitions = partitions(consumer, topic, timeout);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        CompactedTopicFollower<V> follower = new CompactedTopicFollower<>(topic, consumer, handler, timeout);
        follower.thread.start();
        try {
            follower.catchUp();
        } catch (RuntimeException e) {
            follower.close();
            throw e;
        }
        return follower;
    }

    /** A topic created a moment ago may not be in the metadata yet. */
    private static List<TopicPartition> partitions(KafkaConsumer<String, ?> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
        }
        if (partitions.isEmpty()) {
            consumer.close();
            throw new CatalogException("The topic " + topic + " has no partitions after " + timeout, null);
        }
        return partitions;
    }

    /**
     * Waits until every record committed to the topic before this call has been applied.
     *
     * @throws CatalogException if following failed, or the topic could not be read in time
     */
    public void catchUp() {
        if (!thread.isAlive()) {
            throw new CatalogException("The follower of " + topic + " has stopped", failure);
        }
        CompletableFuture<Void> request = new CompletableFuture<>();
        requests.add(request);
        try {
            request.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CatalogException("Cannot read " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new CatalogException("Reading " + topic + " to its end took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("Interrupted while reading " + topic, e);
        }
    }

    private void follow() {
        try {
            while (running) {
                planBarriers();
                for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
                    handler.apply(record.key(), record.value());
                }
                releaseBarriers();
            }
        } catch (WakeupException closing) {
            // close() wakes the consumer up; nothing is lost, the owner stops reading.
        } catch (RuntimeException e) {
            LOG.error("Stopped following {}: every catch-up now fails until the owner is restarted", topic, e);
            failure = e;
        } finally {
            consumer.close();
            failAll(failure != null ? failure : new CatalogException("The follower of " + topic + " is closed", null));
        }
    }

    private void planBarriers() {
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (CompletableFuture<Void> request = requests.poll(); request != null; request = requests.poll()) {
            waiting.add(request);
        }
        if (!waiting.isEmpty()) {
            barriers.add(new Barrier(consumer.endOffsets(consumer.assignment(), timeout), waiting));
        }
    }

    private void releaseBarriers() {
        barriers.removeIf(barrier -> {
            boolean passed = barrier.endOffsets().entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey(), timeout) >= end.getValue());
            if (passed) {
                barrier.waiting().forEach(request -> request.complete(null));
            }
            return passed;
        });
    }

    private void failAll(RuntimeException cause) {
        barriers.forEach(barrier -> barrier.waiting().forEach(request -> request.completeExceptionally(cause)));
        for (CompletableFuture<Void> request = requests.poll(); request != null; request = requests.poll()) {
            request.completeExceptionally(cause);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Barrier(Map<TopicPartition, Long> endOffsets, List<CompletableFuture<Void>> waiting) {
    }
}
