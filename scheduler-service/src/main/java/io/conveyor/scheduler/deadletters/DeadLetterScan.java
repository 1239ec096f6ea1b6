package io.conveyor.scheduler.deadletters;

import io.conveyor.dataplane.ServiceClients;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.kafka.TopicCreator;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.avro.ConfluentAvroDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a dead-letter topic in letter-id order (partition by partition, offset by offset) up to
 * its end as of the start of the scan, holding one poll of records at a time: a listing stops at
 * its page, a summary or a claim goes through the whole topic without keeping what it has seen.
 */
final class DeadLetterScan implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterScan.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Sees each letter in turn; answers false to stop the scan there. */
    interface Visitor {
        boolean visit(LetterId id, ConsumerRecord<byte[], byte[]> record, DeadLetter letter);
    }

    private final Map<String, Object> clientConfig;
    private final Duration timeout;
    /** Held for the scheduler's life: every listing, count and claim asks it for the topic's id. */
    private final Admin admin;

    DeadLetterScan(Map<String, Object> clientConfig, Duration timeout) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.timeout = timeout;
        this.admin = Admin.create(TopicCreator.adminOnly(clientConfig));
    }

    /**
     * Which incarnation of the pipeline's dead-letter topic the letter ids refer to:
     * {@code pipeline/topic id}. Kafka gives a topic a new id when it is created again (the pipeline
     * deleted and deployed anew), so states of the old topic's letters never apply to the new one's.
     */
    String scope(String pipeline, String topic) {
        try {
            return pipeline + "/" + admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).topicId();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return pipeline + "/none";
            }
            throw new KafkaException("describing " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("describing " + topic + " took longer than " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted describing " + topic, e);
        }
    }

    /**
     * Scans {@code topic} from {@code start} (or its beginning), skipping what precedes {@code from}.
     *
     * @return the id of the letter after the one the visitor stopped at; empty when the scan reached the end
     */
    Optional<LetterId> scan(String topic, Optional<LetterId> start, Optional<Instant> from, Visitor visitor) {
        ConfluentAvroDeserializer<DeadLetter> letters = deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = ServiceClients.readCommittedConsumer(clientConfig)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> ordered = partitions.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(ordered, timeout);
            Map<TopicPartition, Long> byTime = from.map(time -> startsAt(consumer, ordered, time)).orElse(Map.of());
            for (TopicPartition partition : ordered) {
                if (start.isPresent() && partition.partition() < start.get().partition()) {
                    continue;
                }
                long first = start.filter(s -> s.partition() == partition.partition()).map(LetterId::offset).orElse(0L);
                first = Math.max(first, byTime.getOrDefault(partition, 0L));
                Optional<LetterId> stopped = scanPartition(consumer, letters, partition, first, ends.get(partition), visitor);
                if (stopped.isPresent()) {
                    return stopped;
                }
            }
            return Optional.empty();
        }
    }

    private Optional<LetterId> scanPartition(KafkaConsumer<byte[], byte[]> consumer, ConfluentAvroDeserializer<DeadLetter> letters,
                                             TopicPartition partition, long first, long end, Visitor visitor) {
        if (first >= end) {
            return Optional.empty();
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, first);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition, timeout) < end) {
            var records = consumer.poll(POLL);
            if (records.isEmpty() && System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("reading " + partition + " to offset " + end
                        + " took longer than " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() >= end) {
                    return Optional.empty();
                }
                deadline = System.nanoTime() + timeout.toNanos();
                DeadLetter letter = decode(letters, record);
                LetterId id = new LetterId(record.partition(), record.offset());
                if (letter != null && !visitor.visit(id, record, letter)) {
                    return Optional.of(new LetterId(record.partition(), record.offset() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private static Map<TopicPartition, Long> startsAt(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                                      Instant time) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, time.toEpochMilli()));
        Map<TopicPartition, Long> starts = new HashMap<>();
        // A letter's record timestamp is when it was produced, at or after the letter's time: a safe lower bound.
        consumer.offsetsForTimes(query).forEach((partition, found) ->
                starts.put(partition, found == null ? Long.MAX_VALUE : found.offset()));
        return starts;
    }

    private static DeadLetter decode(ConfluentAvroDeserializer<DeadLetter> letters, ConsumerRecord<byte[], byte[]> record) {
        try {
            return letters.deserialize(record.topic(), record.value());
        } catch (SerializationException | NullPointerException e) {
            // A record that is not a dead letter is someone else's write; a listing must not stop at it.
            LOG.warn("skipping {}-{}@{}: not a dead letter: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        admin.close(timeout);
    }

    private ConfluentAvroDeserializer<DeadLetter> deserializer() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        ConfluentAvroDeserializer<DeadLetter> letters = new ConfluentAvroDeserializer<>();
        letters.configure(config, false);
        return letters;
    }
}
