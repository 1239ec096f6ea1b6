package io.conveyor.extractor.batch;

import io.conveyor.schemas.TopicNames;
import io.conveyor.control.TaskStatusType;
import io.conveyor.extractor.checkpoint.Checkpoint;
import io.conveyor.dataplane.metrics.DataPathMetrics;
import io.conveyor.dataplane.metrics.TaskMetrics;
import io.conveyor.extractor.checkpoint.KeyedTopics;
import io.conveyor.extractor.checkpoint.Watermark;
import io.conveyor.extractor.source.AvroNames;
import io.conveyor.extractor.source.RecordSource;
import io.conveyor.extractor.source.SourceContext;
import io.conveyor.extractor.source.SourceItem;
import io.conveyor.extractor.source.Sources;
import io.conveyor.extractor.task.ExtractTask;
import io.conveyor.pipeline.spec.source.JdbcSource;
import java.io.IOException;
import io.conveyor.dataplane.failure.FailurePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import io.conveyor.extractor.source.replay.ReplayRecordSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one extract task attempt: batches of {@code batchSize} items, each committed in one Kafka
 * transaction with the checkpoint of the source position after it; the last transaction also holds
 * the END markers, the new watermark and the SUCCEEDED status. A redelivered command resumes after
 * the last committed batch. Fencing of this instance's producer is thrown as {@link ProducerFencedException}
 * for the caller to stop: another process owns the transactional id now.
 */
public final class ExtractionRun {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractionRun.class);
    /** The replay slice is committed before its run exists; this only bounds a broker that does not answer. */
    private static final Duration REPLAY_READ_TIMEOUT = Duration.ofMinutes(2);

    /**
     * What an extraction run needs from the service around it.
     *
     * @param producer  this instance's transactional producer, initialised
     * @param avro      Confluent-framed Avro serializer for data, dead letters and statuses
     * @param instance  this instance's id, reported in statuses
     * @param variables where passwords named by environment variable are looked up
     * @param failures  which errors are retried from the last checkpoint, how often, before the attempt fails
     * @param maxRecordBytes the largest record sent (below the producer's {@code max.request.size}): a larger
     *                  data record is dead-lettered instead, and sources hold no longer input in memory
     * @param metrics   where committed batches and their records are counted
     * @param replayConsumers consumers (no group) of the replays topic, for the extract tasks of replay runs
     */
    public record Environment(Producer<byte[], byte[]> producer, Serializer<Object> avro, KeyedTopics keyedTopics,
                              TopicNames topics, String statusTopic, String instance, int progressEveryBatches,
                              Map<String, String> variables, Clock clock, FailurePolicy failures,
                              int maxRecordBytes, DataPathMetrics metrics,
                              Supplier<Consumer<byte[], byte[]>> replayConsumers) {
    }

    private final ExtractTask task;
    private final Environment env;
    private final OutputRecords out;
    private final BooleanSupplier stopRequested;
    private final RecordKeys keys;
    private final TaskMetrics metrics;
    /** What the committed batches of the current try held, so that each commit counts only its own records. */
    private long countedIn;
    private long countedRejected;

    /** @param stopRequested polled at every batch boundary: true aborts the batch and ends the attempt */
    public ExtractionRun(ExtractTask task, Environment env, BooleanSupplier stopRequested) {
        this.task = task;
        this.env = env;
        this.out = new OutputRecords(task, env.topics(), env.statusTopic(), env.instance(), env.avro(), env.clock());
        this.stopRequested = stopRequested;
        this.keys = new RecordKeys(task.key());
        this.metrics = env.metrics().task(task.pipeline(), task.taskId());
    }

    /**
     * Runs the attempt; a transient error (a retriable Kafka error, a timeout, a lost JDBC
     * connection) resumes it from its last committed checkpoint after a pause, per the one
     * {@link FailurePolicy}; any other error, or transient ones past its budget, fail the attempt
     * with the real cause.
     */
    public ExtractionOutcome execute() {
        FailurePolicy.Retries retries = env.failures().retries();
        while (true) {
            try {
                return attempt();
            } catch (TransientFailure e) {
                Duration pause = retries.next(e.getCause());
                String reason = "extracting " + task.checkpointKey() + " failed" + (retries.failures() > 1
                        ? " " + retries.failures() + " times in a row" : "") + ": " + FailurePolicy.describe(e.getCause());
                if (pause == null || stopRequested.getAsBoolean()) {
                    LOG.warn(reason, e.getCause());
                    return fail(e.progress(), reason);
                }
                LOG.warn("{}; resuming from the last checkpoint in {} ms", reason, pause.toMillis());
                sleep(pause);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting to retry", e);
        }
    }

    /** A failure of one try of the attempt, with the progress it had reached (its counts go into FAILED). */
    private static final class TransientFailure extends RuntimeException {
        private final transient ExtractionProgress progress;

        TransientFailure(Exception cause, ExtractionProgress progress) {
            super(cause);
            this.progress = progress;
        }

        ExtractionProgress progress() {
            return progress;
        }
    }

    private ExtractionOutcome attempt() {
        int partitions = partitions(task.outputTopic());
        Optional<Checkpoint> checkpoint = env.keyedTopics().latest(env.topics().checkpoints(), task.checkpointKey())
                .map(Checkpoint::fromJson);
        ExtractionProgress progress = checkpoint.map(c -> ExtractionProgress.resumed(c, partitions)).orElseGet(() -> ExtractionProgress.fresh(partitions));
        countedIn = progress.recordsIn();
        countedRejected = progress.recordsRejected();
        if (checkpoint.filter(Checkpoint::finished).isPresent()) {
            inOwnTransaction(() -> env.producer().send(out.status(TaskStatusType.SUCCEEDED, progress, "already extracted")));
            return new ExtractionOutcome.Succeeded(progress.counts());
        }
        inOwnTransaction(() -> env.producer().send(out.status(TaskStatusType.STARTED, progress,
                checkpoint.map(c -> "resuming at " + c.position()).orElse(null))));
        try (RecordSource source = open(checkpoint)) {
            return batches(source, progress);
        } catch (IOException | RuntimeException e) {
            if (fenced(e)) {
                throw new ProducerFencedException("the producer of " + task.checkpointKey() + " was fenced: " + e.getMessage());
            }
            if (FailurePolicy.isTransient(e)) {
                throw new TransientFailure(e, progress);
            }
            String reason = "extracting " + task.checkpointKey() + " failed: " + FailurePolicy.describe(e);
            LOG.warn(reason, e);
            return fail(progress, reason);
        }
    }

    private RecordSource open(Optional<Checkpoint> checkpoint) throws IOException {
        if (task.replay().isPresent()) {
            return new ReplayRecordSource(env.replayConsumers().get(), env.topics().replays(), task.replay().get(),
                    task.runId(), task.taskId(), checkpoint.map(Checkpoint::position), REPLAY_READ_TIMEOUT);
        }
        return Sources.open(task.source(), context(checkpoint));
    }

    private ExtractionOutcome batches(RecordSource source, ExtractionProgress progress) throws IOException {
        int checkpointPartitions = partitions(env.topics().checkpoints());
        for (long batch = 1; ; batch++) {
            long began = System.nanoTime();
            env.producer().beginTransaction();
            Optional<ExtractionOutcome> end;
            try {
                end = batch(source, progress, batch, checkpointPartitions, began);
            } catch (IOException | RuntimeException e) {
                abortQuietlyAfterFailure();
                throw e;
            }
            if (end.isPresent()) {
                return end.get();
            }
        }
    }

    /**
     * Fills the open transaction with one batch and commits it, or aborts it when the attempt must
     * end without it; returns the outcome when the attempt ends with this batch.
     */
    private Optional<ExtractionOutcome> batch(RecordSource source, ExtractionProgress progress, long batch, int checkpointPartitions,
                                              long began) throws IOException {
        boolean exhausted = fillBatch(source, progress);
        if (stopRequested.getAsBoolean()) {
            abort();
            return Optional.of(new ExtractionOutcome.Stopped());
        }
        if (exhausted && tooManyRejects(progress)) {
            abort();
            return Optional.of(fail(progress, "rejected " + progress.recordsRejected() + " of " + progress.recordsIn()
                    + " items, more than the reject threshold " + task.rejectThreshold()));
        }
        if (exhausted) {
            finish(source, progress, checkpointPartitions);
            commitCounted(progress, began);
            return Optional.of(new ExtractionOutcome.Succeeded(progress.counts()));
        }
        env.producer().send(out.checkpoint(progress.checkpoint(task.runId(), task.taskId(), task.attempt(),
                source.position(), false), checkpointPartitions));
        if (batch % env.progressEveryBatches() == 0) {
            env.producer().send(out.status(TaskStatusType.PROGRESS, progress, null));
        }
        commitCounted(progress, began);
        return Optional.empty();
    }

    /** Adds up to one batch of items to the open transaction; true when the source is exhausted. */
    private boolean fillBatch(RecordSource source, ExtractionProgress progress) throws IOException {
        for (int n = 0; n < task.batchSize(); n++) {
            Optional<SourceItem> item = source.next();
            if (item.isEmpty()) {
                return true;
            }
            send(item.get(), source, progress);
        }
        return false;
    }

    private void send(SourceItem item, RecordSource source, ExtractionProgress progress) {
        if (item instanceof SourceItem.Extracted extracted) {
            Optional<String> key = keys.keyOf(extracted.record());
            // Checked before send: a record the broker refuses would put the transaction in an error
            // state and fail the whole run for one record.
            ProducerRecord<byte[], byte[]> data = out.data(extracted.record(), key, 0);
            int size = OutputRecords.size(data);
            if (size > env.maxRecordBytes()) {
                progress.countReject();
                env.producer().send(out.deadLetter(tooLarge(extracted, size, source.position()), env.maxRecordBytes()));
                return;
            }
            env.producer().send(new ProducerRecord<>(data.topic(), progress.placeRecord(key), data.key(), data.value(),
                    data.headers()));
        } else if (item instanceof SourceItem.Replayed replayed) {
            env.producer().send(out.replayed(replayed, progress.placeRecord(replayed.key())));
        } else if (item instanceof SourceItem.Rejected rejected) {
            progress.countReject();
            env.producer().send(out.deadLetter(rejected, env.maxRecordBytes()));
        }
    }

    private SourceItem.Rejected tooLarge(SourceItem.Extracted extracted, int size, String positionAfter) {
        String json = extracted.record().toString();
        byte[] original = json.getBytes(StandardCharsets.UTF_8);
        return new SourceItem.Rejected("record before source position " + positionAfter, original,
                "the record serializes to %,d bytes, more than the limit of %,d bytes (conveyor.extractor.max-record-bytes, below the producer's max.request.size)"
                        .formatted(size, env.maxRecordBytes()), RecordTooLargeException.class.getName());
    }

    private void finish(RecordSource source, ExtractionProgress progress, int checkpointPartitions) {
        for (int p = 0; p < progress.partitions(); p++) {
            env.producer().send(out.endMarker(p, progress.count(p)));
        }
        source.watermark().ifPresent(value -> env.producer().send(out.watermark(value, partitions(env.topics().watermarks()))));
        env.producer().send(out.checkpoint(progress.checkpoint(task.runId(), task.taskId(), task.attempt(),
                source.position(), true), checkpointPartitions));
        env.producer().send(out.status(TaskStatusType.SUCCEEDED, progress, null));
    }

    private boolean tooManyRejects(ExtractionProgress progress) {
        return progress.recordsIn() > 0 && (double) progress.recordsRejected() / progress.recordsIn() > task.rejectThreshold();
    }

    private SourceContext context(Optional<Checkpoint> checkpoint) {
        Optional<String> lowWatermark = Optional.empty();
        if (task.source() instanceof JdbcSource jdbc && jdbc.incremental()) {
            lowWatermark = env.keyedTopics().latest(env.topics().watermarks(), task.watermarkKey())
                    .map(Watermark::fromJson).map(Watermark::value);
        }
        return new SourceContext(AvroNames.recordName(task.pipeline(), task.taskId()),
                checkpoint.map(Checkpoint::position), lowWatermark, env.variables(), env.maxRecordBytes());
    }

    private ExtractionOutcome fail(ExtractionProgress progress, String reason) {
        inOwnTransaction(() -> env.producer().send(out.status(TaskStatusType.FAILED, progress, reason)));
        return new ExtractionOutcome.Failed(reason);
    }

    private void inOwnTransaction(Runnable sends) {
        env.producer().beginTransaction();
        try {
            sends.run();
            commit();
        } catch (RuntimeException e) {
            abortQuietlyAfterFailure();
            throw e;
        }
    }

    private void commit() {
        env.producer().commitTransaction();
    }

    /** Commits a batch of the source and counts its records once it is committed. */
    private void commitCounted(ExtractionProgress progress, long began) {
        metrics.pending(progress.recordsIn() - countedIn, progress.recordsRejected() - countedRejected, 0);
        try {
            commit();
        } catch (RuntimeException e) {
            metrics.aborted();
            throw e;
        }
        metrics.committed(Duration.ofNanos(System.nanoTime() - began));
        countedIn = progress.recordsIn();
        countedRejected = progress.recordsRejected();
    }

    private void abort() {
        env.producer().abortTransaction();
    }

    /** After a failure inside a transaction; a fenced producer cannot abort and the original error matters more. */
    private void abortQuietlyAfterFailure() {
        try {
            env.producer().abortTransaction();
        } catch (KafkaException e) {
            LOG.debug("could not abort the transaction of {} after a failure: {}", task.checkpointKey(), e.toString());
        }
    }

    /** Whether another producer with this instance's transactional id took over (possibly wrapped by the producer). */
    private static boolean fenced(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private int partitions(String topic) {
        return env.producer().partitionsFor(topic).size();
    }
}
