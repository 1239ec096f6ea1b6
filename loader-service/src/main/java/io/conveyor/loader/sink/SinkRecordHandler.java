package io.conveyor.loader.sink;

import io.conveyor.dataplane.FileRoots;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.dataplane.AvroCodec;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.PartitionTally;
import io.conveyor.dataplane.RejectReason;
import io.conveyor.dataplane.RunDirectory;
import io.conveyor.dataplane.RunLookup;
import io.conveyor.dataplane.replay.ReplayHeaders;
import io.conveyor.dataplane.stream.RecordHandler;
import io.conveyor.dataplane.stream.RunProgress;
import io.conveyor.dataplane.stream.TaskOutput;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completion protocol of a load task whose sink commits through Kafka: each record is handled
 * under its own run's command, data records go to the {@link SinkWriter} (or, unreadable or
 * refused, to the dead-letter topic), END markers close the input partition for the run, which is
 * then reported PARTITION_DONE (or FAILED when the counts disagree or too many records were
 * rejected). Runs whose sink is of another kind are skipped: another worker loads them.
 */
public final class SinkRecordHandler<S extends SinkSpec> implements RecordHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRecordHandler.class);

    private final String pipeline;
    private final String taskId;
    private final Class<S> kind;
    private final SinkWriter<S> writer;
    private final RunDirectory directory;
    private final AvroCodec codec;
    private final TaskOutput taskOutput;
    private final Map<String, RunPlan<S>> plans = new ConcurrentHashMap<>();
    private final Map<String, SinkRun<S>> activeRuns = new ConcurrentHashMap<>();
    private final Set<String> reportedInvalid = ConcurrentHashMap.newKeySet();

    private final FileRoots fileRoots;

    public SinkRecordHandler(String pipeline, String taskId, Class<S> kind, SinkWriter<S> writer, RunDirectory directory,
                             AvroCodec codec, TaskOutput taskOutput, FileRoots fileRoots) {
        this.pipeline = pipeline;
        this.fileRoots = fileRoots;
        this.taskId = taskId;
        this.kind = kind;
        this.writer = writer;
        this.directory = directory;
        this.codec = codec;
        this.taskOutput = taskOutput;
    }

    @Override
    public Step process(ConsumerRecord<byte[], byte[]> record, int shard, int shards, Map<String, RunProgress> ledger,
                        Consumer<ProducerRecord<byte[], byte[]>> output) {
        RunLookup state = directory.stateOf(record, taskId);
        if (state == RunLookup.Unknown.INSTANCE) {
            return Step.HOLD;
        }
        if (state instanceof RunLookup.Active active) {
            TaskCommand command = active.command();
            RunPlan<S> plan = plans.computeIfAbsent(command.getRunId() + "#" + command.getAttempt(),
                    key -> RunPlan.of(command, kind, fileRoots));
            if (plan instanceof RunPlan.Ready<S> ready) {
                activeRuns.put(command.getRunId(), ready.run());
                handle(record, ready.run(), new InputPosition(new TopicPartition(record.topic(), record.partition()), shard,
                        shards, record.offset()), ledger, output);
            } else if (plan instanceof RunPlan.Invalid<S> invalid) {
                reportInvalidOnce(command, invalid.message(), output);
            }
        }
        return Step.DONE;
    }

    /** Fails the open runs whose sink is this handler's kind; the others have a worker of their own. */
    @Override
    public void failed(String message, Consumer<ProducerRecord<byte[], byte[]>> output) {
        for (TaskCommand command : directory.started(pipeline, taskId)) {
            if (kind.isInstance(RunPlan.sinkOf(command))) {
                output.accept(taskOutput.status(command, taskOutput.reports().failed(command, null, null,
                        new TaskCounts(0L, 0L, 0L, 0L), message)));
            }
        }
    }

    @Override
    public void prune(int shard, Map<String, RunProgress> ledger) {
        ledger.keySet().removeIf(runId -> directory.state(runId, taskId) instanceof RunLookup.Finished);
    }

    @Override
    public void assigned(TopicPartition partition, int shard, long committedOffset) {
        writer.assigned(partition, committedOffset);
    }

    @Override
    public void beforeCommit() {
        writer.beforeCommit();
    }

    @Override
    public void committed() {
        writer.committed();
    }

    /** The failure reports the aborted transaction held were never written. */
    @Override
    public void aborted() {
        writer.aborted();
        reportedInvalid.clear();
    }

    @Override
    public void housekeeping() {
        Iterator<SinkRun<S>> runs = activeRuns.values().iterator();
        while (runs.hasNext()) {
            SinkRun<S> run = runs.next();
            if (directory.state(run.runId(), taskId) instanceof RunLookup.Finished) {
                writer.runFinished(run);
                runs.remove();
            }
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, SinkRun<S> run, InputPosition position,
                        Map<String, RunProgress> ledger, Consumer<ProducerRecord<byte[], byte[]>> output) {
        RunProgress before = ledger.getOrDefault(run.runId(), RunProgress.start(1));
        RunProgress progress;
        if (DataHeaders.isEnd(record.headers())) {
            progress = taskOutput.withEnd(record, run.command(), before, output);
        } else if (offRoute(record)) {
            progress = before.withDropped();
        } else {
            progress = write(record, run, position, before, output);
        }
        taskOutput.counted(before, progress);
        if (progress.input().completion() == PartitionTally.Completion.OPEN) {
            taskOutput.reportProgress(run.command(), before, progress, position.shard(), position.shards(), output);
            ledger.put(run.runId(), progress);
        } else {
            ledger.remove(run.runId());
            complete(run, position, progress, output);
        }
    }

    /** A replayed letter of another task that reached this sink's input on its way elsewhere. */
    private boolean offRoute(ConsumerRecord<byte[], byte[]> record) {
        return ReplayHeaders.isForAnotherSink(record.headers(), taskId);
    }

    private RunProgress write(ConsumerRecord<byte[], byte[]> record, SinkRun<S> run, InputPosition position,
                              RunProgress progress, Consumer<ProducerRecord<byte[], byte[]>> output) {
        GenericRecord value;
        try {
            value = codec.read(record);
        } catch (SerializationException e) {
            output.accept(taskOutput.deadLetter(record, run.command(), new RejectReason("deserialize", null, e.getMessage(),
                    e.getClass().getName())));
            return progress.withRejected();
        }
        RejectReason refused = writer.write(run, position, record, value, output);
        if (refused != null) {
            output.accept(taskOutput.deadLetter(record, run.command(), refused));
            return progress.withRejected();
        }
        return progress.withWritten(0);
    }

    private void complete(SinkRun<S> run, InputPosition end, RunProgress progress,
                          Consumer<ProducerRecord<byte[], byte[]>> output) {
        TaskStatus status = taskOutput.verdict(run.command(), progress, end.shard(), end.shards());
        if (status.getState() == TaskStatusType.PARTITION_DONE) {
            writer.partitionDone(run, end);
        }
        output.accept(taskOutput.status(run.command(), status));
    }

    private void reportInvalidOnce(TaskCommand command, String message, Consumer<ProducerRecord<byte[], byte[]>> output) {
        if (reportedInvalid.add(command.getRunId() + "#" + command.getAttempt())) {
            LOG.error("run {} of task {} cannot load: {}", command.getRunId(), taskId, message);
            output.accept(taskOutput.status(command, taskOutput.reports().failed(command, null, null,
                    new TaskCounts(0L, 0L, 0L, 0L), message)));
        }
    }
}
