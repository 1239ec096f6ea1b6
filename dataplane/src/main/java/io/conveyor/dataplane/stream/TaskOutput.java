package io.conveyor.dataplane.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskStatus;
import io.conveyor.dataplane.AvroCodec;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.DeadLetters;
import io.conveyor.dataplane.EndMarker;
import io.conveyor.dataplane.MalformedMarkerException;
import io.conveyor.dataplane.PartitionTally;
import io.conveyor.dataplane.RejectReason;
import io.conveyor.dataplane.TaskReports;
import io.conveyor.dataplane.metrics.TaskMetrics;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import java.time.Clock;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records a consuming stage writes besides its data, the same way in every stage: status
 * reports (keyed by pipeline), dead letters (keyed like the input record), and the verdict on an
 * input partition whose END markers have all arrived.
 */
public final class TaskOutput {

    private final Stage stage;
    private final AvroCodec codec;
    private final TaskReports reports;
    private final String statusTopic;
    private final Clock clock;
    private final TaskMetrics metrics;

    /** @param metrics the task's meters, which {@link #counted} feeds */
    public TaskOutput(Stage stage, AvroCodec codec, TaskReports reports, String statusTopic, Clock clock, TaskMetrics metrics) {
        this.metrics = metrics;
        this.stage = stage;
        this.codec = codec;
        this.reports = reports;
        this.statusTopic = statusTopic;
        this.clock = clock;
    }

    public TaskReports reports() {
        return reports;
    }

    /** What one record changed in its run's progress, pending in the task's meters until the transaction commits. */
    public void counted(RunProgress before, RunProgress after) {
        metrics.pending(after.input().records() - before.input().records(), after.rejected() - before.rejected(),
                after.dropped() - before.dropped());
    }

    public ProducerRecord<byte[], byte[]> status(TaskCommand command, TaskStatus status) {
        return new ProducerRecord<>(statusTopic, DataHeaders.bytes(command.getPipeline()), codec.write(statusTopic, status));
    }

    public ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, TaskCommand command,
                                                     RejectReason reason) {
        DeadLetter letter = DeadLetters.letter(stage, command, record, reason, clock.instant());
        return new ProducerRecord<>(command.getDeadLetterTopic(), null, record.key(),
                codec.write(command.getDeadLetterTopic(), letter), DeadLetters.headers(letter, record.headers()));
    }

    /** Adds the END marker {@code record} to the progress; a malformed one fails the task and changes nothing. */
    public RunProgress withEnd(ConsumerRecord<byte[], byte[]> record, TaskCommand command, RunProgress progress,
                               Consumer<ProducerRecord<byte[], byte[]>> output) {
        try {
            return progress.withEnd(EndMarker.from(record.headers()));
        } catch (MalformedMarkerException e) {
            output.accept(status(command, reports.failed(command, null, null, progress.counts(),
                    e.getMessage() + " at " + record.topic() + "-" + record.partition() + "@" + record.offset())));
            return progress;
        }
    }

    /** STARTED and PROGRESS of an open partition as {@link TaskReports#whileRunning} decides them. */
    public void reportProgress(TaskCommand command, RunProgress before, RunProgress after, int shard, int shards,
                               Consumer<ProducerRecord<byte[], byte[]>> output) {
        long recordsBefore = before.input().records();
        // Per record: the counts and the list are only built when there is something to report.
        if (!TaskReports.reportsWhileRunning(recordsBefore, after.input().records())) {
            return;
        }
        reports.whileRunning(command, shard, shards, recordsBefore, after.counts())
                .forEach(report -> output.accept(status(command, report)));
    }

    /**
     * PARTITION_DONE for a complete input partition with its counts, or FAILED when the END counts
     * disagree with what arrived. The reject threshold is the tracker's to judge, over the totals of
     * all partitions.
     */
    public TaskStatus verdict(TaskCommand command, RunProgress progress, int shard, int shards) {
        PartitionTally input = progress.input();
        if (input.completion() == PartitionTally.Completion.COUNT_MISMATCH) {
            return reports.failed(command, shard, shards, progress.counts(), "input shard " + shard
                    + ": END markers announce " + input.announced() + " records, " + input.records() + " arrived");
        }
        return reports.partitionDone(command, shard, shards, progress.counts());
    }
}
