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
import io.conveyor.dataplane.PartitionProgress;
import io.conveyor.dataplane.RejectReason;
import io.conveyor.dataplane.StatusReports;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.loader.postgres.Bookkeeping;
import io.conveyor.loader.postgres.RowCopier;
import io.conveyor.loader.postgres.TargetTables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Applies one run's records of one poll inside the caller's database transaction: data rows into
 * the run's staging table, dead letters and status reports into the outbox, END markers into the
 * partition's progress. The transaction that completes the run's last input partition also
 * merges the staging table into the target: whichever instance that is, the run's row lock makes
 * exactly one transaction see every partition done.
 */
final class RunLoader {

    static final String OPEN = "OPEN";
    static final String MERGED = "MERGED";
    static final String ABORTED = "ABORTED";

    private final String group;
    private final Connection connection;
    private final Bookkeeping bookkeeping;
    private final TargetTables tables;
    private final RowCopier copier;
    private final AvroCodec codec;
    private final StatusReports reports;
    private final String statusTopic;
    private final Clock clock;

    RunLoader(String group, Connection connection, Bookkeeping bookkeeping, TargetTables tables, RowCopier copier,
              AvroCodec codec, StatusReports reports,
              String statusTopic, Clock clock) {
        this.group = group;
        this.connection = connection;
        this.bookkeeping = bookkeeping;
        this.tables = tables;
        this.copier = copier;
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
     * Loads the run's records under a savepoint. An error that retrying cannot cure (a missing
     * unique constraint for upsert, an incompatible existing column, ...) fails the run instead
     * of the batch: its work is rolled back to the savepoint, its staging table dropped, and the
     * task reported FAILED with the database's message; other runs in the batch go on.
     */
    void load(RunBatch batch, InputShards shards) throws SQLException {
        TaskCommand command = batch.plan().command();
        String stage = stageTable(command.getRunId());
        if (!OPEN.equals(bookkeeping.openRun(command.getRunId(), stage))) {
            return;
        }
        Savepoint before = connection.setSavepoint();
        try {
            for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> entry : batch.records().entrySet()) {
                if (!loadPartition(batch.plan(), stage, entry.getKey(), shards, entry.getValue())) {
                    break;
                }
            }
            connection.releaseSavepoint(before);
        } catch (SQLException e) {
            if (transientFailure(e)) {
                throw e;
            }
            connection.rollback(before);
            tables.forget();
            bookkeeping.setRunState(command.getRunId(), ABORTED);
            tables.drop(stage);
            status(command, reports.failed(command, null, null, new TaskCounts(0L, 0L, 0L),
                    "loading into " + batch.plan().sink().target().table() + " failed: " + e.getMessage()));
        }
    }

    /** Connection loss, serialization failures and deadlocks, lack of resources, shutdown: worth retrying. */
    private static boolean transientFailure(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57") || state.startsWith("58") || state.equals("55P03");
    }

    /** Answers whether the run is still open afterwards: a partition that fails its checks aborts it. */
    private boolean loadPartition(LoadPlan plan, String stage, TopicPartition partition, InputShards shards,
                                  List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
        TaskCommand command = plan.command();
        Bookkeeping.Progress progress = bookkeeping.progress(command.getRunId(), partition);
        if (progress.done()) {
            return true;
        }
        PartitionProgress input = progress.input();
        long rejected = progress.rejected();
        long loaded = progress.loaded();
        List<RowCopier.Row> rows = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (DataHeaders.isEnd(record.headers())) {
                input = withEnd(command, input, record);
                continue;
            }
            input = input.withRecord();
            try {
                rows.add(new RowCopier.Row(codec.read(record), record.partition(), record.offset()));
            } catch (SerializationException e) {
                deadLetter(command, record, new RejectReason("deserialize", null, e.getMessage(), e.getClass().getName()));
                rejected++;
            }
        }
        List<RowCopier.Refusal> refusals = copy(plan, stage, rows);
        for (RowCopier.Refusal refusal : refusals) {
            deadLetter(command, original(records, refusal.row()), refusal.reason());
        }
        rejected += refusals.size();
        loaded += rows.size() - refusals.size();
        boolean done = input.completion() != PartitionProgress.Completion.OPEN;
        bookkeeping.saveProgress(command.getRunId(), partition, new Bookkeeping.Progress(input, rejected, loaded, done));
        return !done || complete(plan, stage, shards.shard(partition), shards.count(), input,
                new TaskCounts(input.records(), loaded, rejected));
    }

    /**
     * Reports the partition; a failed partition aborts the run here (its staging table is dropped
     * and later records are ignored), so a failed run can never reach the target. Answers whether
     * the run is still open.
     */
    private boolean complete(LoadPlan plan, String stage, int shard, int shards, PartitionProgress input, TaskCounts counts)
            throws SQLException {
        TaskCommand command = plan.command();
        String failure = failure(plan, input, counts);
        if (failure != null) {
            status(command, reports.failed(command, shard, shards, counts, "input shard " + shard + ": " + failure));
            bookkeeping.setRunState(command.getRunId(), ABORTED);
            tables.drop(stage);
            return false;
        }
        status(command, reports.partitionDone(command, shard, shards, counts));
        if (bookkeeping.donePartitionsLocked(command.getRunId()) == shards) {
            tables.merge(plan.sink().target(), stage);
            bookkeeping.setRunState(command.getRunId(), MERGED);
        }
        return true;
    }

    private static String failure(LoadPlan plan, PartitionProgress input, TaskCounts counts) {
        if (input.completion() == PartitionProgress.Completion.COUNT_MISMATCH) {
            return "END markers announce " + input.announced() + " records, " + input.records() + " arrived";
        }
        if (plan.settings().rejectsExceedThreshold(counts.getRecordsRejected(), input.records())) {
            return counts.getRecordsRejected() + " of " + input.records() + " records rejected, above the threshold "
                    + plan.settings().rejectThreshold();
        }
        return null;
    }

    private List<RowCopier.Refusal> copy(LoadPlan plan, String stage, List<RowCopier.Row> rows) throws SQLException {
        List<RowCopier.Refusal> refusals = new ArrayList<>();
        int start = 0;
        while (start < rows.size()) {
            Schema schema = rows.get(start).record().getSchema();
            int end = start;
            while (end < rows.size() && rows.get(end).record().getSchema().equals(schema)) {
                end++;
            }
            tables.prepare(plan.sink().target(), stage, schema);
            refusals.addAll(copier.copy(tables.table(stage), schema, rows.subList(start, end)));
            start = end;
        }
        return refusals;
    }

    private PartitionProgress withEnd(TaskCommand command, PartitionProgress input, ConsumerRecord<byte[], byte[]> record)
            throws SQLException {
        try {
            return input.withEnd(EndMarker.from(record.headers()));
        } catch (MalformedMarkerException e) {
            status(command, reports.failed(command, null, null, new TaskCounts(input.records(), 0L, 0L), e.getMessage() + " at "
                    + record.topic() + "-" + record.partition() + "@" + record.offset()));
            return input;
        }
    }

    private static ConsumerRecord<byte[], byte[]> original(List<ConsumerRecord<byte[], byte[]>> records, RowCopier.Row row) {
        return records.stream().filter(record -> record.offset() == row.offset()).findFirst().orElseThrow();
    }

    TaskStatus invalid(TaskCommand command, String message) {
        return reports.failed(command, null, null, new TaskCounts(0L, 0L, 0L), message);
    }

    void status(TaskCommand command, TaskStatus status) throws SQLException {
        bookkeeping.enqueue(statusTopic, DataHeaders.bytes(command.getPipeline()), codec.write(statusTopic, status),
                OutboxHeaders.encode(new RecordHeaders()));
    }

    private void deadLetter(TaskCommand command, ConsumerRecord<byte[], byte[]> record, RejectReason reason)
            throws SQLException {
        DeadLetter letter = DeadLetters.letter(Stage.LOAD, command, record, reason, clock.instant());
        bookkeeping.enqueue(command.getDeadLetterTopic(), record.key(), codec.write(command.getDeadLetterTopic(), letter),
                OutboxHeaders.encode(DeadLetters.headers(letter, record.headers())));
    }
}
