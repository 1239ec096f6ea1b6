package io.conveyor.loader.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.dataplane.AvroCodec;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.DeadLetters;
import io.conveyor.dataplane.EndMarker;
import io.conveyor.dataplane.InputShards;
import io.conveyor.dataplane.MalformedMarkerException;
import io.conveyor.dataplane.PartitionTally;
import io.conveyor.dataplane.RejectReason;
import io.conveyor.dataplane.TaskReports;
import io.conveyor.dataplane.metrics.TaskMetrics;
import io.conveyor.dataplane.replay.ReplayHeaders;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.loader.warehouse.Bookkeeping;
import io.conveyor.loader.warehouse.Outbox;
import io.conveyor.loader.warehouse.RowWriter;
import io.conveyor.loader.warehouse.TargetTables;
import io.conveyor.loader.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Applies one run's records of one poll inside the caller's database transaction: data rows into
 * the run's staging table, dead letters and status reports into the outbox, END markers into the
 * partition's progress. The transaction that completes the run's last input partition also
 * checks the run's totals against the reject threshold and merges the staging table into the
 * target: whichever instance that is, the run's row lock makes exactly one transaction see every
 * partition done.
 */
final class RunLoader {

    static final String OPEN = "OPEN";
    static final String MERGED = "MERGED";
    static final String ABORTED = "ABORTED";

    private final String group;
    private final Warehouse warehouse;
    private final Bookkeeping bookkeeping;
    private final Outbox outbox;
    private final TargetTables tables;
    private final RowWriter writer;
    private final AvroCodec codec;
    private final TaskReports reports;
    private final String statusTopic;
    private final Clock clock;

    /** Pending counts of the open database transaction; the worker commits or forgets them with it. */
    private final TaskMetrics metrics;

    RunLoader(String group, Warehouse warehouse, Bookkeeping bookkeeping, Outbox outbox, TargetTables tables,
              RowWriter writer, AvroCodec codec, TaskReports reports, String statusTopic, Clock clock, TaskMetrics metrics) {
        this.metrics = metrics;
        this.group = group;
        this.warehouse = warehouse;
        this.bookkeeping = bookkeeping;
        this.outbox = outbox;
        this.tables = tables;
        this.writer = writer;
        this.codec = codec;
        this.reports = reports;
        this.statusTopic = statusTopic;
        this.clock = clock;
    }

    String stageTable(String runId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((group + "|" + runId).getBytes(StandardCharsets.UTF_8));
            return "conveyor_stage_" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * Loads the run's records. An error that retrying cannot cure (a missing unique constraint for
     * upsert, an incompatible existing column, ...) is a {@link RunLoadException}: the caller
     * rolls the batch back, {@link #fail fails} the run and loads the batch again without it.
     */
    void load(RunBatch batch, InputShards shards) throws SQLException, RunLoadException {
        TaskCommand command = batch.plan().command();
        String stage = stageTable(command.getRunId());
        if (!OPEN.equals(bookkeeping.openRun(command.getRunId(), stage))) {
            return;
        }
        try {
            for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> entry : batch.records().entrySet()) {
                if (!loadPartition(batch.plan(), stage, entry.getKey(), shards, entry.getValue())) {
                    break;
                }
            }
        } catch (SQLException e) {
            if (warehouse.dialect().isTransient(e)) {
                throw e;
            }
            throw new RunLoadException(batch.plan(), e);
        }
    }

    /** Aborts the run in the caller's transaction: its staging table goes, its task is reported FAILED. */
    void fail(RunLoadException failure) throws SQLException {
        TaskCommand command = failure.plan().command();
        String stage = stageTable(command.getRunId());
        bookkeeping.openRun(command.getRunId(), stage);
        bookkeeping.setRunState(command.getRunId(), ABORTED);
        tables.drop(stage);
        status(command, reports.failed(command, null, null, new TaskCounts(0L, 0L, 0L, 0L), failure.getMessage()));
    }

    /** Answers whether the run is still open afterwards: a partition that fails its checks aborts it. */
    private boolean loadPartition(LoadPlan plan, String stage, TopicPartition partition, InputShards shards,
                                  List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
        TaskCommand command = plan.command();
        Bookkeeping.Progress progress = bookkeeping.progress(command.getRunId(), partition);
        if (progress.done()) {
            return true;
        }
        PartitionTally input = progress.input();
        long rejected = progress.rejected();
        long loaded = progress.loaded();
        List<RowWriter.Row> rows = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (DataHeaders.isEnd(record.headers())) {
                input = withEnd(command, input, record);
                continue;
            }
            input = input.withRecord();
            if (ReplayHeaders.isForAnotherSink(record.headers(), command.getTaskId())) {
                // A replayed letter of another task, passing this sink's input on its way elsewhere: counted, not loaded.
                continue;
            }
            try {
                rows.add(new RowWriter.Row(codec.read(record), record.partition(), record.offset()));
            } catch (SerializationException e) {
                deadLetter(command, record, new RejectReason("deserialize", null, e.getMessage(), e.getClass().getName()));
                rejected++;
            }
        }
        List<RowWriter.Refusal> refusals = write(plan, stage, rows);
        for (RowWriter.Refusal refusal : refusals) {
            deadLetter(command, original(records, refusal.row()), refusal.reason());
        }
        rejected += refusals.size();
        loaded += rows.size() - refusals.size();
        boolean done = input.completion() != PartitionTally.Completion.OPEN;
        bookkeeping.saveProgress(command.getRunId(), partition, new Bookkeeping.Progress(input, rejected, loaded, done));
        metrics.pending(input.records() - progress.input().records(), rejected - progress.rejected(), 0);
        TaskCounts counts = new TaskCounts(input.records(), loaded, rejected, 0L);
        if (!done) {
            for (TaskStatus report : reports.whileRunning(command, shards.shard(partition), shards.count(),
                    progress.input().records(), counts)) {
                status(command, report);
            }
        }
        return !done || complete(plan, stage, shards.shard(partition), shards.count(), input, counts);
    }

    /**
     * Reports the partition, and completes the run when it was the last one: a partition whose
     * END counts do not match aborts the run at once, the run's totals decide the reject
     * threshold. An aborted run's staging table is dropped and its later records are ignored, so
     * a failed run never reaches the target. Answers whether the run is still open.
     */
    private boolean complete(LoadPlan plan, String stage, int shard, int shards, PartitionTally input, TaskCounts counts)
            throws SQLException {
        TaskCommand command = plan.command();
        if (input.completion() == PartitionTally.Completion.COUNT_MISMATCH) {
            abort(command, stage, reports.failed(command, shard, shards, counts, "input shard " + shard + ": END markers announce "
                    + input.announced() + " records, " + input.records() + " arrived"));
            return false;
        }
        if (bookkeeping.donePartitionsLocked(command.getRunId()) < shards) {
            status(command, reports.partitionDone(command, shard, shards, counts));
            return true;
        }
        Bookkeeping.Totals totals = bookkeeping.totals(command.getRunId());
        if (plan.settings().rejectsExceedThreshold(totals.rejected(), totals.records())) {
            abort(command, stage, reports.failed(command, shard, shards, new TaskCounts(totals.records(), totals.loaded(),
                    totals.rejected(), 0L), totals.rejected() + " of " + totals.records() + " records of the run rejected,"
                    + " above the threshold " + plan.settings().rejectThreshold()));
            return false;
        }
        status(command, reports.partitionDone(command, shard, shards, counts));
        tables.merge(plan.target(), stage);
        bookkeeping.setRunState(command.getRunId(), MERGED);
        return true;
    }

    private void abort(TaskCommand command, String stage, TaskStatus failed) throws SQLException {
        status(command, failed);
        bookkeeping.setRunState(command.getRunId(), ABORTED);
        tables.drop(stage);
    }

    private List<RowWriter.Refusal> write(LoadPlan plan, String stage, List<RowWriter.Row> rows) throws SQLException {
        List<RowWriter.Refusal> refusals = new ArrayList<>();
        int start = 0;
        while (start < rows.size()) {
            Schema schema = rows.get(start).record().getSchema();
            int end = start;
            while (end < rows.size() && rows.get(end).record().getSchema().equals(schema)) {
                end++;
            }
            tables.prepare(plan.target(), stage, schema);
            refusals.addAll(writer.write(warehouse.schema(), stage, schema, rows.subList(start, end)));
            start = end;
        }
        return refusals;
    }

    private PartitionTally withEnd(TaskCommand command, PartitionTally input, ConsumerRecord<byte[], byte[]> record)
            throws SQLException {
        try {
            return input.withEnd(EndMarker.from(record.headers()));
        } catch (MalformedMarkerException e) {
            status(command, reports.failed(command, null, null, new TaskCounts(input.records(), 0L, 0L, 0L), e.getMessage() + " at "
                    + record.topic() + "-" + record.partition() + "@" + record.offset()));
            return input;
        }
    }

    private static ConsumerRecord<byte[], byte[]> original(List<ConsumerRecord<byte[], byte[]>> records, RowWriter.Row row) {
        return records.stream().filter(record -> record.offset() == row.offset()).findFirst().orElseThrow();
    }

    TaskStatus invalid(TaskCommand command, String message) {
        return reports.failed(command, null, null, new TaskCounts(0L, 0L, 0L, 0L), message);
    }

    /** A record for Kafka as it is (a quarantined stray), published after the commit like every outbox record. */
    void enqueue(ProducerRecord<byte[], byte[]> record) throws SQLException {
        outbox.enqueue(record.topic(), record.key(), record.value(), OutboxHeaders.encode(record.headers()));
    }

    void status(TaskCommand command, TaskStatus status) throws SQLException {
        outbox.enqueue(statusTopic, DataHeaders.bytes(command.getPipeline()), codec.write(statusTopic, status),
                OutboxHeaders.encode(new RecordHeaders()));
    }

    private void deadLetter(TaskCommand command, ConsumerRecord<byte[], byte[]> record, RejectReason reason)
            throws SQLException {
        DeadLetter letter = DeadLetters.letter(Stage.LOAD, command, record, reason, clock.instant());
        outbox.enqueue(command.getDeadLetterTopic(), record.key(), codec.write(command.getDeadLetterTopic(), letter),
                OutboxHeaders.encode(DeadLetters.headers(letter, record.headers())));
    }
}
