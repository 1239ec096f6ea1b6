package io.conveyor.transformer.stream;

import io.conveyor.dataplane.InputShards;
import io.conveyor.dataplane.TopicPartitions;
import io.conveyor.dataplane.WorkerPool;
import io.conveyor.transformer.dedupe.DedupeStore;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume-transform-produce loop of one transform task (one pipeline's task id) on this
 * instance. All instances of the service join the task's consumer group, so the task's input
 * partitions are spread over them; each poll is one Kafka transaction holding the output, dead
 * letters, forwarded END markers, status reports, the dedupe keys first seen (see {@link DedupeStore})
 * and the consumed offsets. The offsets carry the progress of the runs open in their partition
 * (see {@link LedgerCodec}).
 */
final class TransformWorker implements WorkerPool.Worker {

    private static final Logger LOG = LoggerFactory.getLogger(TransformWorker.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<String> inputTopics;
    private final RecordProcessor processor;
    private final LongSupplier directoryVersion;
    private final DedupeStore seenKeys;
    private final Map<TopicPartition, Map<String, RunProgress>> ledgers = new ConcurrentHashMap<>();
    private InputShards shards;
    private long seenVersion = -1;
    private volatile boolean running = true;

    TransformWorker(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
                    List<String> inputTopics, RecordProcessor processor, LongSupplier directoryVersion,
                    DedupeStore seenKeys) {
        this.consumer = consumer;
        this.producer = producer;
        this.inputTopics = List.copyOf(inputTopics);
        this.processor = processor;
        this.directoryVersion = directoryVersion;
        this.seenKeys = seenKeys;
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            shards = new InputShards(TopicPartitions.of(consumer, inputTopics, Duration.ofMinutes(2)));
            seenKeys.ensureChangelog(shards.count());
            consumer.subscribe(inputTopics, new LedgerLoader());
            while (running) {
                resumeWhenDirectoryChanged();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    transact(records);
                }
            }
        } catch (WakeupException e) {
            LOG.debug("transform worker for {} stopped", inputTopics);
        } catch (ProducerFencedException e) {
            LOG.error("transform worker for {} was fenced by a newer instance and stops", inputTopics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("transform worker for {} failed and stops; the group hands its partitions to other instances",
                    inputTopics, e);
        } finally {
            producer.close(Duration.ofSeconds(5));
            consumer.close();
            seenKeys.close();
        }
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void resumeWhenDirectoryChanged() {
        long version = directoryVersion.getAsLong();
        if (version != seenVersion) {
            seenVersion = version;
            consumer.resume(consumer.paused());
        }
    }

    private void transact(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Map<String, RunProgress>> next = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        producer.beginTransaction();
        try {
            for (TopicPartition partition : records.partitions()) {
                Map<String, RunProgress> ledger = new HashMap<>(ledgers.getOrDefault(partition, Map.of()));
                long nextOffset = processPartition(partition, records.records(partition), ledger);
                if (nextOffset >= 0) {
                    next.put(partition, ledger);
                    offsets.put(partition, new OffsetAndMetadata(nextOffset, LedgerCodec.encode(ledger)));
                }
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            }
            producer.commitTransaction();
            seenKeys.commit();
            ledgers.putAll(next);
        } catch (ProducerFencedException e) {
            throw e;
        } catch (RuntimeException e) {
            // Kafka or registry trouble (or a bug) in this batch: nothing of it is committed, so it is
            // processed again from the committed offsets after a pause.
            LOG.warn("transaction over {} aborted, rewinding to the committed offsets: {}", records.partitions(),
                    e.toString(), e);
            producer.abortTransaction();
            seenKeys.abort();
            processor.forgetReports();
            rewind(records.partitions());
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /** Processes the partition's records up to the first one whose run has no command yet; answers the next offset or -1. */
    private long processPartition(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records,
                                  Map<String, RunProgress> ledger) {
        int shard = shards.shard(partition);
        seenKeys.inPartition(shard);
        long nextOffset = -1;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (processor.process(record, shard, shards.count(), ledger, producer::send) == RecordProcessor.Step.HOLD) {
                consumer.seek(partition, record.offset());
                consumer.pause(List.of(partition));
                break;
            }
            nextOffset = record.offset() + 1;
        }
        processor.prune(shard, ledger);
        return nextOffset;
    }

    private void rewind(Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    /**
     * Restores each assigned partition's run progress from its committed offset's metadata and its
     * dedupe keys from the changelog; forgets both for revoked partitions.
     */
    private final class LedgerLoader implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                ledgers.put(partition, offset == null ? Map.of() : LedgerCodec.decode(offset.metadata(), partition.toString()));
                seenKeys.restore(shards.shard(partition));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                ledgers.remove(partition);
                seenKeys.drop(shards.shard(partition));
            }
        }
    }
}
