package io.conveyor.loader.stream;

import io.conveyor.dataplane.InputShards;
import io.conveyor.dataplane.TopicPartitions;
import io.conveyor.dataplane.WorkerPool;
import io.conveyor.dataplane.RunDirectory;
import io.conveyor.dataplane.RunLookup;
import io.conveyor.dataplane.failure.FailurePolicy;
import io.conveyor.dataplane.health.LoopHeartbeat;
import io.conveyor.dataplane.metrics.TaskMetrics;
import io.conveyor.dataplane.stream.StrayRecords;
import io.conveyor.control.TaskCommand;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.conveyor.loader.warehouse.Bookkeeping;
import io.conveyor.loader.warehouse.TargetTables;
import io.conveyor.loader.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load loop of one load task on this instance. Kafka's committed offsets are not used: each
 * poll is one database transaction holding the rows, the run progress, the outbox records and the
 * consumed offsets, and a partition assigned to this consumer starts at the offset stored in the
 * database. After each commit the outbox (dead letters, status reports) is published to Kafka,
 * exactly once, by the {@link OutboxPublisher}.
 *
 * <p>Trouble follows the one {@link FailurePolicy}: database errors (a lost connection, a lock)
 * and offset conflicts are retried with backoff from the stored offsets; any other error, or
 * retries past the policy's budget, fail the task's open runs with the cause and stop the worker.
 * Records no run claims go to the quarantine topic through the outbox ({@link StrayRecords}).
 */
final class LoadWorker implements WorkerPool.Worker {

    private static final Logger LOG = LoggerFactory.getLogger(LoadWorker.class);
    /** Between two tries to reach the database when even failing the runs failed: the worker never stops silently. */
    private static final Duration UNREACHABLE_PAUSE = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final OutboxPublisher publisher;
    private final Warehouse warehouse;
    private final Connection connection;
    private final Bookkeeping bookkeeping;
    private final TargetTables tables;
    private final RunLoader loader;
    private final RunDirectory directory;
    private final String taskId;
    private final String database;
    private final List<String> inputTopics;
    private final Map<String, LoadPlanOutcome> plans = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Set<String> reportedInvalid = ConcurrentHashMap.newKeySet();
    private InputShards shards;
    private long seenVersion = -1;
    private volatile boolean running = true;
    private volatile LoopHeartbeat heartbeat = LoopHeartbeat.unwatched("load-worker");

    private final LoaderSettings settings;
    private final String pipeline;
    private final FailurePolicy.Retries retries;
    private final StrayRecords strays;
    private final TaskMetrics metrics;

    LoadWorker(KafkaConsumer<byte[], byte[]> consumer, OutboxPublisher publisher, Warehouse warehouse, Connection connection,
               Bookkeeping bookkeeping, TargetTables tables, RunLoader loader, RunDirectory directory, LoadPlan first,
               LoaderSettings settings, StrayRecords strays, TaskMetrics metrics) {
        this.metrics = metrics;
        this.consumer = consumer;
        this.publisher = publisher;
        this.warehouse = warehouse;
        this.connection = connection;
        this.bookkeeping = bookkeeping;
        this.tables = tables;
        this.loader = loader;
        this.directory = directory;
        this.taskId = first.command().getTaskId();
        this.database = first.database();
        this.inputTopics = List.copyOf(first.command().getInputTopics());
        this.settings = settings;
        this.pipeline = first.command().getPipeline();
        this.retries = settings.worker().failures().retries();
        this.strays = strays;
    }

    @Override
    public void run() {
        try {
            start();
            consumer.subscribe(inputTopics, new OffsetsFromDatabase());
            boolean unpositioned = false;
            while (running) {
                heartbeat.beat();
                ConsumerRecords<byte[], byte[]> records;
                try {
                    if (unpositioned) {
                        seekToStored(consumer.assignment());
                        unpositioned = false;
                    }
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Reading the stored offsets in the rebalance callback failed: the partitions are ours all the same.
                    retryOrFail("polling", e);
                    unpositioned = true;
                    continue;
                }
                if (!records.isEmpty()) {
                    load(records);
                }
                housekeeping();
            }
        } catch (WakeupException e) {
            LOG.debug("load worker for {} stopped", inputTopics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TaskFailedException e) {
            LOG.error("load worker for {} failed its task's runs and stops: {}", inputTopics, e.getMessage(), e.getCause());
        } catch (RuntimeException e) {
            LOG.error("load worker for {} failed and stops; the group hands its partitions to other instances",
                    inputTopics, e);
        } finally {
            close();
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

    /** Creates the bookkeeping tables and learns the input partitions, retrying transient trouble. */
    private void start() throws InterruptedException {
        while (true) {
            heartbeat.beat();
            try {
                try (Warehouse.Turn turn = warehouse.turn()) {
                    bookkeeping.createTables();
                }
                shards = new InputShards(TopicPartitions.of(consumer, inputTopics, Duration.ofMinutes(2)));
                retries.succeeded();
                return;
            } catch (SQLException | RuntimeException e) {
                if (e instanceof WakeupException wakeup) {
                    throw wakeup;
                }
                retryOrFail("starting", e);
            }
        }
    }

    /**
     * Waits out a transient error per the policy; otherwise fails the task's open runs with the cause (through the
     * outbox) and throws {@link TaskFailedException}. Any trouble with the database counts as transient here: a
     * lost connection or a lock held by a dying instance looks like any other SQL error to some drivers.
     */
    private void retryOrFail(String doing, Exception error) throws InterruptedException {
        Duration pause = retries.next(error, error instanceof SQLException || error instanceof OffsetConflictException
                || FailurePolicy.isTransient(error));
        if (pause != null) {
            LOG.warn("load worker for {} failed {} (failure {} in a row), retrying in {} ms: {}", inputTopics, doing,
                    retries.failures(), pause.toMillis(), error.toString());
            Thread.sleep(pause.toMillis());
            return;
        }
        String message = "the " + inputTopics + " load worker failed " + doing + (retries.failures() > 1
                ? " " + retries.failures() + " times in a row" : "") + ": " + FailurePolicy.describe(error);
        while (!failOpenRuns(message)) {
            LOG.error("load worker for {} cannot report its failure, retrying in {}: {}", inputTopics,
                    UNREACHABLE_PAUSE, message);
            Thread.sleep(UNREACHABLE_PAUSE.toMillis());
        }
        throw new TaskFailedException(message, error);
    }

    /** Reports FAILED for every open run of the task this worker loads; answers whether that committed. */
    private boolean failOpenRuns(String message) {
        try (Warehouse.Turn turn = warehouse.turn()) {
            for (TaskCommand command : directory.started(pipeline, taskId)) {
                if (plan(new RunLookup.Active(command)) != null) {
                    loader.status(command, loader.invalid(command, message));
                }
            }
            connection.commit();
            publisher.publish();
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("the FAILED reports of {} did not commit: {}", inputTopics, e.toString());
            rollback();
            return false;
        }
    }

    private void load(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        Map<String, RunBatch> runs = new LinkedHashMap<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        long began = System.nanoTime();
        try (Warehouse.Turn turn = warehouse.turn()) {
            for (TopicPartition partition : records.partitions()) {
                long offset = sort(partition, records.records(partition), runs);
                if (offset >= 0) {
                    next.put(partition, offset);
                }
            }
            for (RunBatch batch : runs.values()) {
                loader.load(batch, shards);
            }
            for (Map.Entry<TopicPartition, Long> offset : next.entrySet()) {
                Long expected = positions.get(offset.getKey());
                if (!bookkeeping.advanceOffset(offset.getKey(), expected, offset.getValue())) {
                    throw new OffsetConflictException(offset.getKey(), expected);
                }
            }
            connection.commit();
            metrics.committed(Duration.ofNanos(System.nanoTime() - began));
            positions.putAll(next);
            strays.committed();
            retries.succeeded();
        } catch (RunLoadException e) {
            LOG.error("run {} of task {} fails: {}", e.plan().command().getRunId(), taskId, e.getMessage());
            rollback();
            failRun(e);
            seekToStored(consumer.assignment());
        } catch (SQLException | OffsetConflictException | RuntimeException e) {
            if (e instanceof WakeupException wakeup) {
                throw wakeup;
            }
            LOG.warn("batch over {} rolled back, resuming from the stored offsets: {}", next.keySet(), e.toString(), e);
            rollback();
            retryOrFail("a batch over " + records.partitions(), e);
            seekToStored(consumer.assignment());
        }
    }

    /** Fails the run in a transaction of its own; the batch is then loaded again without it. */
    private void failRun(RunLoadException failure) throws InterruptedException {
        try (Warehouse.Turn turn = warehouse.turn()) {
            loader.fail(failure);
            connection.commit();
        } catch (SQLException e) {
            LOG.warn("failing run {} did not commit, will retry: {}", failure.plan().command().getRunId(), e.toString());
            rollback();
            retryOrFail("failing run " + failure.plan().command().getRunId(), e);
        }
    }

    /** Groups the partition's records by run, up to the first one whose run has no command yet; answers the next offset or -1. */
    private long sort(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, Map<String, RunBatch> runs)
            throws SQLException {
        long next = -1;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (!StrayRecords.hasRun(record)) {
                quarantine(record);
                next = record.offset() + 1;
                continue;
            }
            RunLookup state = directory.stateOf(record, taskId);
            if (state == RunLookup.Unknown.INSTANCE) {
                if (!strays.waitedEnough(record)) {
                    consumer.seek(partition, record.offset());
                    consumer.pause(List.of(partition));
                    break;
                }
                quarantine(record);
                next = record.offset() + 1;
                continue;
            }
            strays.released(partition);
            if (state instanceof RunLookup.Active active) {
                LoadPlan plan = plan(active);
                if (plan != null) {
                    runs.computeIfAbsent(active.command().getRunId(), key -> new RunBatch(plan)).add(partition, record);
                }
            }
            next = record.offset() + 1;
        }
        return next;
    }

    private void quarantine(ConsumerRecord<byte[], byte[]> record) throws SQLException {
        ProducerRecord<byte[], byte[]> stray = strays.quarantine(record);
        loader.enqueue(stray);
    }

    private LoadPlan plan(RunLookup.Active active) {
        LoadPlanOutcome outcome = plans.computeIfAbsent(active.command().getRunId() + "#" + active.command().getAttempt(),
                key -> LoadPlanOutcome.of(active.command(), settings));
        if (outcome instanceof LoadPlanOutcome.Elsewhere) {
            return null;
        }
        if (outcome instanceof LoadPlanOutcome.Ready ready && ready.plan().database().equals(database)) {
            return ready.plan();
        }
        String message = outcome instanceof LoadPlanOutcome.Invalid invalid ? invalid.message()
                : "this task's loader writes to " + database + "; a run cannot load elsewhere";
        reportInvalid(active, message);
        return null;
    }

    private void reportInvalid(RunLookup.Active active, String message) {
        if (reportedInvalid.add(active.command().getRunId() + "#" + active.command().getAttempt())) {
            LOG.error("run {} of task {} cannot load: {}", active.command().getRunId(), taskId, message);
            try {
                loader.status(active.command(), loader.invalid(active.command(), message));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot queue the failure of run " + active.command().getRunId(), e);
            }
        }
    }

    /** Database trouble here is retried on the next round; the data path is unaffected by it. */
    private void housekeeping() throws InterruptedException {
        try (Warehouse.Turn turn = warehouse.turn()) {
            onDirectoryChange();
        } catch (SQLException e) {
            LOG.warn("housekeeping of {} failed, will retry: {}", inputTopics, e.toString());
            rollback();
            seenVersion = -1;
            retryOrFail("housekeeping", e);
        }
        publisher.publish();
    }

    /** Resumes partitions held back for unknown runs and drops the staging tables of runs that ended without loading. */
    private void onDirectoryChange() throws SQLException {
        long version = directory.version();
        if (version == seenVersion) {
            // A record held for a run that never came has waited long enough: poll it again to quarantine it.
            consumer.resume(strays.due());
            return;
        }
        seenVersion = version;
        consumer.resume(consumer.paused());
        for (Map.Entry<String, String> run : bookkeeping.openRuns().entrySet()) {
            if (directory.state(run.getKey(), taskId) instanceof RunLookup.Finished) {
                bookkeeping.setRunState(run.getKey(), RunLoader.ABORTED);
                tables.drop(run.getValue());
                LOG.info("run {} ended before its load completed; staging table {} dropped", run.getKey(), run.getValue());
            }
        }
        connection.commit();
    }

    private void seekToStored(Collection<TopicPartition> partitions) {
        try {
            Map<TopicPartition, Long> stored = bookkeeping.offsets(List.copyOf(partitions));
            connection.commit();
            for (TopicPartition partition : partitions) {
                Long offset = stored.get(partition);
                positions.put(partition, offset);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset);
                }
            }
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("cannot read the stored offsets of " + partitions, e);
        }
    }

    private void rollback() {
        metrics.aborted();
        tables.forget();
        strays.aborted();
        reportedInvalid.clear();
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.error("rollback failed: {}", e.toString(), e);
        }
    }

    private void close() {
        publisher.close();
        consumer.close();
        warehouse.disconnect(connection);
    }

    /** Starts each assigned partition at the offset stored in the database, not Kafka's. */
    private final class OffsetsFromDatabase implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            heartbeat.joined();
            seekToStored(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(positions::remove);
            partitions.forEach(strays::revoked);
        }
    }

    /** The worker gave up: its task's open runs were reported FAILED with this message. */
    private static final class TaskFailedException extends RuntimeException {
        TaskFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
