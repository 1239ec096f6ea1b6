package io.conveyor.transformer.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.dataplane.AvroCodec;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.DeadLetters;
import io.conveyor.dataplane.EndMarker;
import io.conveyor.dataplane.MalformedMarkerException;
import io.conveyor.dataplane.PartitionProgress;
import io.conveyor.dataplane.RejectReason;
import io.conveyor.dataplane.RunDirectory;
import io.conveyor.dataplane.RunState;
import io.conveyor.dataplane.StatusReports;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.transformer.rules.Outcome;
import io.conveyor.transformer.rules.Rejection;
import io.conveyor.transformer.rules.TransformContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the input records of one transform task, one at a time, inside the caller's Kafka
 * transaction: data records go through their run's rule chain to the output or dead-letter
 * topic, END markers close the partition for the run. Everything it writes goes to {@code output}.
 */
final class RecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);

    private final String taskId;
    private final RunDirectory directory;
    private final TaskPlanner planner;
    private final AvroCodec codecs;
    private final StatusReports reports;
    private final String statusTopic;
    private final Clock clock;
    private final ClosedRuns closedRuns;
    private final Set<String> reportedInvalid = ConcurrentHashMap.newKeySet();

    /** Told when a run will see no more records of an input shard, so state kept for it there can go. */
    interface ClosedRuns {
        void closed(int shard, String runId);
    }

    RecordProcessor(String taskId, RunDirectory directory, TaskPlanner planner, AvroCodec codecs, StatusReports reports,
                    String statusTopic, Clock clock, ClosedRuns closedRuns) {
        this.taskId = taskId;
        this.directory = directory;
        this.planner = planner;
        this.codecs = codecs;
        this.reports = reports;
        this.statusTopic = statusTopic;
        this.clock = clock;
        this.closedRuns = closedRuns;
    }

    /** What became of a record. */
    enum Step { DONE, HOLD }

    Step process(ConsumerRecord<byte[], byte[]> record, int shard, int shards, Map<String, RunProgress> ledger,
                 Consumer<ProducerRecord<byte[], byte[]>> output) {
        String runId = DataHeaders.text(record.headers(), DataHeaders.RUN_ID);
        if (runId == null) {
            LOG.error("skipping {}-{}@{}: no {} header", record.topic(), record.partition(), record.offset(),
                    DataHeaders.RUN_ID);
            return Step.DONE;
        }
        RunState state = directory.state(runId, taskId);
        if (state == RunState.Unknown.INSTANCE) {
            return Step.HOLD;
        }
        if (state instanceof RunState.Active active) {
            PlanOutcome outcome = planner.plan(active.command());
            if (outcome instanceof PlanOutcome.Ready ready) {
                handle(record, ready.plan(), shard, shards, ledger, output);
            } else {
                reportInvalidOnce(active.command(), ((PlanOutcome.Invalid) outcome).message(), output);
            }
        }
        return Step.DONE;
    }

    /** Drops the progress of runs that ended or were cancelled: they will never complete here. */
    void prune(int shard, Map<String, RunProgress> ledger) {
        for (var runs = ledger.keySet().iterator(); runs.hasNext(); ) {
            String runId = runs.next();
            if (directory.state(runId, taskId) instanceof RunState.Finished) {
                runs.remove();
                closedRuns.closed(shard, runId);
            }
        }
    }

    /** After an aborted transaction: the failure reports it held were never written. */
    void forgetReports() {
        reportedInvalid.clear();
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, TaskPlan plan, int shard, int shards,
                        Map<String, RunProgress> ledger, Consumer<ProducerRecord<byte[], byte[]>> output) {
        String runId = plan.command().getRunId();
        RunProgress progress = ledger.getOrDefault(runId, RunProgress.start(plan.outputPartitions()));
        if (DataHeaders.isEnd(record.headers())) {
            progress = withEnd(record, plan, progress, output);
        } else {
            progress = transform(record, plan, progress, output);
        }
        if (progress.input().completion() == PartitionProgress.Completion.OPEN) {
            ledger.put(runId, progress);
        } else {
            complete(plan, progress, shard, shards, output);
            ledger.remove(runId);
            closedRuns.closed(shard, runId);
        }
    }

    private RunProgress withEnd(ConsumerRecord<byte[], byte[]> record, TaskPlan plan, RunProgress progress,
                                Consumer<ProducerRecord<byte[], byte[]>> output) {
        try {
            return progress.withEnd(EndMarker.from(record.headers()));
        } catch (MalformedMarkerException e) {
            output.accept(status(plan.command(), reports.failed(plan.command(), null, null, progress.counts(),
                    e.getMessage() + " at " + record.topic() + "-" + record.partition() + "@" + record.offset())));
            return progress;
        }
    }

    private RunProgress transform(ConsumerRecord<byte[], byte[]> record, TaskPlan plan, RunProgress progress,
                                  Consumer<ProducerRecord<byte[], byte[]>> output) {
        TaskCommand command = plan.command();
        GenericRecord input;
        try {
            input = codecs.read(record);
        } catch (SerializationException e) {
            output.accept(deadLetter(record, command, new RejectReason("deserialize", null, e.getMessage(),
                    e.getClass().getName())));
            return progress.withRejected();
        }
        Outcome outcome = plan.chain().apply(input, new TransformContext(command.getPipeline(), command.getRunId(), taskId));
        if (outcome instanceof Outcome.Accepted accepted) {
            int partition = outputPartition(record, plan.outputPartitions());
            output.accept(new ProducerRecord<>(command.getOutputTopic(), partition, record.key(),
                    codecs.write(command.getOutputTopic(), accepted.record()), dataHeaders(command)));
            return progress.withWritten(partition);
        }
        if (outcome instanceof Outcome.Rejected rejected) {
            Rejection why = rejected.rejection();
            output.accept(deadLetter(record, command, new RejectReason(why.rule(), why.field(), why.message(),
                    why.exceptionClass())));
            return progress.withRejected();
        }
        return progress.withSkipped();
    }

    /**
     * Forwards END to every output partition and reports the partition done with its counts (or the
     * task failed on a count mismatch). The reject threshold is the tracker's to check, over the
     * totals of all partitions.
     */
    private void complete(TaskPlan plan, RunProgress progress, int shard, int shards,
                          Consumer<ProducerRecord<byte[], byte[]>> output) {
        TaskCommand command = plan.command();
        for (int partition = 0; partition < plan.outputPartitions(); partition++) {
            EndMarker end = new EndMarker(command.getRunId(), taskId, shard, shards, progress.written().get(partition));
            output.accept(new ProducerRecord<byte[], byte[]>(command.getOutputTopic(), partition, null, null,
                    end.headers()));
        }
        output.accept(status(command, outcomeOf(plan, progress, shard, shards)));
    }

    private TaskStatus outcomeOf(TaskPlan plan, RunProgress progress, int shard, int shards) {
        TaskCommand command = plan.command();
        PartitionProgress input = progress.input();
        if (input.completion() == PartitionProgress.Completion.COUNT_MISMATCH) {
            return reports.failed(command, shard, shards, progress.counts(), "input shard " + shard
                    + ": END markers announce " + input.announced() + " records, " + input.records() + " arrived");
        }
        return reports.partitionDone(command, shard, shards, progress.counts());
    }

    private void reportInvalidOnce(TaskCommand command, String message, Consumer<ProducerRecord<byte[], byte[]>> output) {
        if (reportedInvalid.add(command.getRunId() + "#" + command.getAttempt())) {
            output.accept(status(command, reports.failed(command, null, null, new TaskCounts(0L, 0L, 0L),
                    message)));
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, TaskCommand command,
                                                      RejectReason reason) {
        DeadLetter letter = DeadLetters.letter(Stage.TRANSFORM, command, record, reason, clock.instant());
        return new ProducerRecord<>(command.getDeadLetterTopic(), null, record.key(),
                codecs.write(command.getDeadLetterTopic(), letter), DeadLetters.headers(letter, record.headers()));
    }

    private ProducerRecord<byte[], byte[]> status(TaskCommand command, TaskStatus status) {
        return new ProducerRecord<>(statusTopic, DataHeaders.bytes(command.getPipeline()),
                codecs.write(statusTopic, status));
    }

    private RecordHeaders dataHeaders(TaskCommand command) {
        return new RecordHeaders(List.of(
                new RecordHeader(DataHeaders.RUN_ID, DataHeaders.bytes(command.getRunId())),
                new RecordHeader(DataHeaders.TASK, DataHeaders.bytes(taskId))));
    }

    /**
     * Chosen here rather than by the producer because END markers must count what went to each
     * partition: keyed records like Kafka's default partitioner (murmur2 of the key), so a key
     * keeps its partition and order; unkeyed ones stay with their input partition's number.
     */
    private static int outputPartition(ConsumerRecord<byte[], byte[]> record, int partitions) {
        if (record.key() == null) {
            return record.partition() % partitions;
        }
        return Utils.toPositive(Utils.murmur2(record.key())) % partitions;
    }
}
