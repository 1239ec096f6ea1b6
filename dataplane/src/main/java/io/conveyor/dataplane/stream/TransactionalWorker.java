package io.conveyor.dataplane.stream;

import io.conveyor.dataplane.InputShards;
import io.conveyor.dataplane.TopicPartitions;
import io.conveyor.dataplane.WorkerPool;
import io.conveyor.dataplane.failure.FailurePolicy;
import io.conveyor.dataplane.health.LoopHeartbeat;
import io.conveyor.dataplane.metrics.TaskMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume-process-produce loop of one task (one pipeline's task id) on this instance, shared
 * by the transformer and the loader's Kafka-committed sinks. All instances of a service join the
 * task's consumer group, so the task's input partitions are spread over them; each poll is one
 * Kafka transaction holding whatever the {@link RecordHandler} writes (output, dead letters, END
 * markers, status reports) and the consumed offsets. The offsets carry the progress of the runs
 * open in their partition (see {@link LedgerCodec}).
 *
 * <p>Trouble follows the one {@link FailurePolicy}: a transient error (starting, polling or in a
 * transaction) is retried with backoff from the committed offsets; a fatal one, or transient ones
 * past the policy's budget, fail the task's open runs with the cause in their FAILED report and
 * stop the worker (the task's next command starts a fresh one). Records no run claims are
 * quarantined by {@link StrayRecords}, so none can park its partition.
 */
public final class TransactionalWorker implements WorkerPool.Worker {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalWorker.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final List<String> inputTopics;
    private final RecordHandler handler;
    private final TaskMetrics metrics;
    private final LongSupplier directoryVersion;
    private final FailurePolicy.Retries retries;
    private final StrayRecords strays;
    private final Map<TopicPartition, Map<String, RunProgress>> ledgers = new ConcurrentHashMap<>();
    private InputShards shards;
    private long seenVersion = -1;
    private volatile boolean running = true;
    private volatile LoopHeartbeat heartbeat = LoopHeartbeat.unwatched("transactional-worker");

    /**
     * @param producer         transactional
     * @param metrics          the task's meters; what the handler counted as pending counts when its transaction commits
     * @param directoryVersion changes whenever new commands or run outcomes arrive: held partitions are then retried
     * @param policy           when to retry and when to fail the task
     * @param strays           where records no run claims go
     */
    public TransactionalWorker(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                               List<String> inputTopics, RecordHandler handler, TaskMetrics metrics,
                               LongSupplier directoryVersion, FailurePolicy policy, StrayRecords strays) {
        this.consumer = consumer;
        this.producer = producer;
        this.inputTopics = List.copyOf(inputTopics);
        this.handler = handler;
        this.metrics = metrics;
        this.directoryVersion = directoryVersion;
        this.retries = policy.retries();
        this.strays = strays;
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            start();
            LedgerLoader ledgerLoader = new LedgerLoader();
            consumer.subscribe(inputTopics, ledgerLoader);
            Collection<TopicPartition> unrestored = List.of();
            while (running) {
                heartbeat.beat();
                if (!unrestored.isEmpty()) {
                    // The consumer owns these partitions although restoring them failed in the rebalance callback.
                    try {
                        ledgerLoader.onPartitionsAssigned(unrestored);
                        rewind(Set.copyOf(unrestored));
                        unrestored = List.of();
                    } catch (WakeupException | ProducerFencedException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        retryOrFail("restoring " + unrestored, e);
                        continue;
                    }
                }
                resumeWhenDirectoryChanged();
                ConsumerRecords<byte[], byte[]> records;
                try {
                    // A rebalance restores the handler's state here (a dedupe store from its changelog): a changelog
                    // just created may not be known to every broker yet, which is transient.
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (WakeupException | ProducerFencedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    retryOrFail("polling", e);
                    unrestored = Set.copyOf(consumer.assignment());
                    continue;
                }
                if (!records.isEmpty()) {
                    transact(records);
                }
                handler.housekeeping();
            }
        } catch (WakeupException e) {
            LOG.debug("worker for {} stopped", inputTopics);
        } catch (ProducerFencedException e) {
            LOG.error("worker for {} was fenced by a newer instance and stops", inputTopics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TaskFailedException e) {
            LOG.error("worker for {} failed its task's runs and stops: {}", inputTopics, e.getMessage(), e.getCause());
        } catch (RuntimeException e) {
            LOG.error("worker for {} failed and stops; the group hands its partitions to other instances",
                    inputTopics, e);
        } finally {
            producer.close(Duration.ofSeconds(5));
            consumer.close();
            handler.closed();
        }
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void watchedBy(LoopHeartbeat heartbeat) {
        this.heartbeat = heartbeat;
    }

    /** Learns the input partitions and lets the handler prepare (create its changelog), retrying transient trouble. */
    private void start() throws InterruptedException {
        while (true) {
            heartbeat.beat();
            try {
                shards = new InputShards(TopicPartitions.of(consumer, inputTopics, Duration.ofMinutes(2)));
                handler.started(shards.count());
                retries.succeeded();
                return;
            } catch (WakeupException | ProducerFencedException e) {
                throw e;
            } catch (RuntimeException e) {
                retryOrFail("starting", e);
            }
        }
    }

    /**
     * Waits out a transient error per the policy, or fails the task's open runs with the cause (in a
     * transaction of their own) and throws {@link TaskFailedException}.
     */
    private void retryOrFail(String doing, RuntimeException error) throws InterruptedException {
        Duration pause = retries.next(error);
        if (pause != null) {
            LOG.warn("worker for {} failed {} (failure {} in a row), retrying in {} ms: {}", inputTopics, doing,
                    retries.failures(), pause.toMillis(), error.toString());
            Thread.sleep(pause.toMillis());
            return;
        }
        String message = "the " + inputTopics + " worker failed " + doing + (retries.failures() > 1
                ? " " + retries.failures() + " times in a row" : "") + ": " + FailurePolicy.describe(error);
        failOpenRuns(message);
        throw new TaskFailedException(message, error);
    }

    private void failOpenRuns(String message) {
        List<ProducerRecord<byte[], byte[]>> reports = new ArrayList<>();
        handler.failed(message, reports::add);
        if (reports.isEmpty()) {
            return;
        }
        try {
            producer.beginTransaction();
            reports.forEach(producer::send);
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("the FAILED reports of {} could not be written: {}", inputTopics, e.toString(), e);
        }
    }

    private void resumeWhenDirectoryChanged() {
        long version = directoryVersion.getAsLong();
        if (version != seenVersion) {
            seenVersion = version;
            consumer.resume(consumer.paused());
        } else {
            // A record held for a run that never came has waited long enough: poll it again to quarantine it.
            consumer.resume(strays.due());
        }
    }

    private void transact(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        Map<TopicPartition, Map<String, RunProgress>> next = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        long began = System.nanoTime();
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
            handler.beforeCommit();
            producer.commitTransaction();
            metrics.committed(Duration.ofNanos(System.nanoTime() - began));
            ledgers.putAll(next);
            handler.committed();
            strays.committed();
            retries.succeeded();
        } catch (ProducerFencedException | WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            // Kafka, registry or file system trouble (or a bug) in this batch: nothing of it is committed, so it is
            // processed again from the committed offsets, after a pause if the trouble is transient.
            LOG.warn("transaction over {} aborted, rewinding to the committed offsets: {}", records.partitions(),
                    e.toString(), e);
            producer.abortTransaction();
            metrics.aborted();
            handler.aborted();
            strays.aborted();
            rewind(records.partitions());
            retryOrFail("a transaction over " + records.partitions(), e);
        }
    }

    /** Processes the partition's records up to the first one whose run has no command yet; answers the next offset or -1. */
    private long processPartition(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records,
                                  Map<String, RunProgress> ledger) {
        int shard = shards.shard(partition);
        long nextOffset = -1;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (!StrayRecords.hasRun(record)) {
                producer.send(strays.quarantine(record));
            } else if (handler.process(record, shard, shards.count(), ledger, producer::send) == RecordHandler.Step.HOLD) {
                if (!strays.waitedEnough(record)) {
                    consumer.seek(partition, record.offset());
                    consumer.pause(List.of(partition));
                    break;
                }
                producer.send(strays.quarantine(record));
            } else {
                strays.released(partition);
            }
            nextOffset = record.offset() + 1;
        }
        handler.prune(shard, ledger);
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
     * Restores each assigned partition's run progress from its committed offset's metadata and tells
     * the handler (which restores what it keeps per partition); tells it of revoked partitions.
     */
    private final class LedgerLoader implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            heartbeat.joined();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                ledgers.put(partition, offset == null ? Map.of() : LedgerCodec.decode(offset.metadata(), partition.toString()));
                handler.assigned(partition, shards.shard(partition), offset == null ? 0 : offset.offset());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                ledgers.remove(partition);
                strays.revoked(partition);
                handler.revoked(partition, shards.shard(partition));
            }
        }
    }

    /** The worker gave up: its task's open runs were reported FAILED with this message. */
    private static final class TaskFailedException extends RuntimeException {
        TaskFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
