package io.conveyor.transformer.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.dataplane.AvroCodec;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.EndMarker;
import io.conveyor.dataplane.PartitionTally;
import io.conveyor.dataplane.RecordSizeLimit;
import io.conveyor.dataplane.RejectReason;
import io.conveyor.dataplane.RunDirectory;
import io.conveyor.dataplane.RunLookup;
import io.conveyor.dataplane.TaskReports;
import io.conveyor.dataplane.metrics.TaskMetrics;
import io.conveyor.dataplane.replay.ReplayHeaders;
import io.conveyor.dataplane.stream.RecordHandler;
import io.conveyor.dataplane.stream.RunProgress;
import io.conveyor.dataplane.stream.TaskOutput;
import io.conveyor.deadletter.Stage;
import io.conveyor.transformer.dedupe.DedupeStore;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;

/**
 * Handles the input records of one transform task, one at a time, inside the caller's Kafka
 * transaction: data records go through their run's rule chain to the output or dead-letter
 * topic, END markers close the partition for the run. Everything it writes goes to {@code output}.
 */
final class RecordProcessor implements RecordHandler {

    private final String pipeline;
    private final String taskId;
    private final RunDirectory directory;
    private final TaskPlanner planner;
    private final AvroCodec codecs;
    private final TaskOutput taskOutput;
    private final DedupeStore seenKeys;
    private final RecordSizeLimit sizeLimit;
    private final Set<String> reportedInvalid = ConcurrentHashMap.newKeySet();

    RecordProcessor(String pipeline, String taskId, RunDirectory directory, TaskPlanner planner, AvroCodec codecs,
                    TaskReports reports, String statusTopic, Clock clock, DedupeStore seenKeys, RecordSizeLimit sizeLimit,
                    TaskMetrics metrics) {
        this.sizeLimit = sizeLimit;
        this.pipeline = pipeline;
        this.taskId = taskId;
        this.directory = directory;
        this.planner = planner;
        this.codecs = codecs;
        this.taskOutput = new TaskOutput(Stage.TRANSFORM, codecs, reports, statusTopic, clock, metrics);
        this.seenKeys = seenKeys;
    }

    @Override
    public Step process(ConsumerRecord<byte[], byte[]> record, int shard, int shards, Map<String, RunProgress> ledger,
                 Consumer<ProducerRecord<byte[], byte[]>> output) {
        seenKeys.inPartition(shard);
        RunLookup state = directory.stateOf(record, taskId);
        if (state == RunLookup.Unknown.INSTANCE) {
            return Step.HOLD;
        }
        if (state instanceof RunLookup.Active active) {
            PlanOutcome outcome = planner.plan(active.command());
            if (outcome instanceof PlanOutcome.Ready ready) {
                handle(record, ready.plan(), shard, shards, ledger, output);
            } else {
                reportInvalidOnce(active.command(), ((PlanOutcome.Invalid) outcome).message(), output);
            }
        }
        return Step.DONE;
    }

    @Override
    public void prune(int shard, Map<String, RunProgress> ledger) {
        for (var runs = ledger.keySet().iterator(); runs.hasNext(); ) {
            String runId = runs.next();
            if (directory.state(runId, taskId) instanceof RunLookup.Finished) {
                runs.remove();
                seenKeys.forgetRun(shard, runId);
            }
        }
    }

    @Override
    public void started(int shards) {
        seenKeys.ensureChangelog(shards);
    }

    /** The dedupe keys of the partition are restored from the changelog before its first record. */
    @Override
    public void assigned(TopicPartition partition, int shard, long committedOffset) {
        seenKeys.restore(shard);
    }

    @Override
    public void revoked(TopicPartition partition, int shard) {
        seenKeys.drop(shard);
    }

    @Override
    public void committed() {
        seenKeys.commit();
    }

    @Override
    public void failed(String message, Consumer<ProducerRecord<byte[], byte[]>> output) {
        for (TaskCommand command : directory.started(pipeline, taskId)) {
            output.accept(taskOutput.status(command, taskOutput.reports().failed(command, null, null,
                    new TaskCounts(0L, 0L, 0L, 0L), message)));
        }
    }

    @Override
    public void closed() {
        seenKeys.close();
    }

    /** The failure reports and dedupe keys the aborted transaction held were never written. */
    @Override
    public void aborted() {
        seenKeys.abort();
        reportedInvalid.clear();
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, TaskPlan plan, int shard, int shards,
                        Map<String, RunProgress> ledger, Consumer<ProducerRecord<byte[], byte[]>> output) {
        String runId = plan.command().getRunId();
        RunProgress before = ledger.getOrDefault(runId, RunProgress.start(plan.outputPartitions()));
        RunProgress progress;
        if (DataHeaders.isEnd(record.headers())) {
            progress = taskOutput.withEnd(record, plan.command(), before, output);
        } else {
            progress = switch (ReplayHeaders.passage(record.headers(), taskId)) {
                case PASSES -> passOn(record, plan, before, output);
                case OFF_ROUTE -> before.withDropped();
                case ORDINARY, ENTERS -> transform(record, plan, before, output);
            };
            if (progress == null) {
                return;
            }
        }
        taskOutput.counted(before, progress);
        if (progress.input().completion() == PartitionTally.Completion.OPEN) {
            taskOutput.reportProgress(plan.command(), before, progress, shard, shards, output);
            ledger.put(runId, progress);
        } else {
            complete(plan, progress, shard, shards, output);
            ledger.remove(runId);
            seenKeys.forgetRun(shard, runId);
        }
    }

    /** The run's progress after the record; null when the record shows the task cannot run (it has then failed). */
    private RunProgress transform(ConsumerRecord<byte[], byte[]> record, TaskPlan plan, RunProgress progress,
                                  Consumer<ProducerRecord<byte[], byte[]>> output) {
        TaskCommand command = plan.command();
        GenericRecord input;
        try {
            input = codecs.read(record);
        } catch (SerializationException e) {
            output.accept(taskOutput.deadLetter(record, command, new RejectReason("deserialize", null, e.getMessage(),
                    e.getClass().getName())));
            return progress.withRejected();
        }
        InputChains.Resolution chain = plan.chains().forInput(input.getSchema());
        if (chain instanceof InputChains.Resolution.Invalid invalid) {
            planner.fail(command, invalid.message());
            reportInvalidOnce(command, invalid.message(), output);
            return null;
        }
        Outcome outcome = ((InputChains.Resolution.Ready) chain).chain()
                .apply(input, new TransformContext(command.getPipeline(), command.getRunId(), taskId));
        if (outcome instanceof Outcome.Accepted accepted) {
            int partition = outputPartition(record, plan.outputPartitions());
            RecordHeaders headers = dataHeaders(command);
            ReplayHeaders.copyLineage(record.headers(), headers);
            ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(command.getOutputTopic(), partition, record.key(),
                    codecs.write(command.getOutputTopic(), accepted.record()), headers);
            RejectReason tooLarge = sizeLimit.check(out);
            if (tooLarge != null) {
                output.accept(taskOutput.deadLetter(record, command, tooLarge));
                return progress.withRejected();
            }
            output.accept(out);
            return progress.withWritten(partition);
        }
        if (outcome instanceof Outcome.Rejected rejected) {
            Rejection why = rejected.rejection();
            output.accept(taskOutput.deadLetter(record, command, new RejectReason(why.rule(), why.field(), why.message(),
                    why.exceptionClass())));
            return progress.withRejected();
        }
        // Outcome.Dropped (a filter, a plug-in's Verdict.drop) or Outcome.Duplicate (a dedupe rule).
        return progress.withDropped();
    }

    /**
     * A replayed record on its way to a later task that rejected it: it goes on as it is, in the
     * schema it had there, since this task already accepted it in the run that produced it.
     */
    private RunProgress passOn(ConsumerRecord<byte[], byte[]> record, TaskPlan plan, RunProgress progress,
                               Consumer<ProducerRecord<byte[], byte[]>> output) {
        TaskCommand command = plan.command();
        int partition = outputPartition(record, plan.outputPartitions());
        output.accept(new ProducerRecord<>(command.getOutputTopic(), partition, record.key(), record.value(),
                ReplayHeaders.forwarded(record.headers(), dataHeaders(command))));
        return progress.withWritten(partition);
    }

    /** Forwards END to every output partition and reports the partition done (or the task failed). */
    private void complete(TaskPlan plan, RunProgress progress, int shard, int shards,
                          Consumer<ProducerRecord<byte[], byte[]>> output) {
        TaskCommand command = plan.command();
        for (int partition = 0; partition < plan.outputPartitions(); partition++) {
            EndMarker end = new EndMarker(command.getRunId(), taskId, shard, shards, progress.written().get(partition));
            output.accept(new ProducerRecord<byte[], byte[]>(command.getOutputTopic(), partition, null, null,
                    end.headers()));
        }
        output.accept(taskOutput.status(command, taskOutput.verdict(command, progress, shard, shards)));
    }

    private void reportInvalidOnce(TaskCommand command, String message, Consumer<ProducerRecord<byte[], byte[]>> output) {
        if (reportedInvalid.add(command.getRunId() + "#" + command.getAttempt())) {
            output.accept(taskOutput.status(command, taskOutput.reports().failed(command, null, null,
                    new TaskCounts(0L, 0L, 0L, 0L), message)));
        }
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
