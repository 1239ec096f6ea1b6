package io.conveyor.extractor.command;

import io.conveyor.dataplane.AllowedHosts;
import io.conveyor.dataplane.FileRoots;
import io.conveyor.dataplane.health.LoopHeartbeat;
import io.conveyor.dataplane.health.ServiceHealth;
import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatusType;
import io.conveyor.extractor.batch.ExtractionRun;
import io.conveyor.extractor.batch.ExtractionOutcome;
import io.conveyor.extractor.batch.StatusRecords;
import io.conveyor.extractor.task.ExtractConfigParser;
import io.conveyor.extractor.task.ExtractTask;
import io.conveyor.extractor.task.InvalidTaskConfigException;
import io.conveyor.schemas.TopicNames;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes task commands and runs START commands one at a time on a worker thread, while the
 * consumer thread keeps polling so CANCEL commands arrive during a long extraction. A command's
 * offset is committed only after its attempt ended, so an instance that dies mid-task leaves the
 * command to be delivered again, and the next instance resumes from the checkpoint.
 */
public final class CommandLoop implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a running extraction may take to reach its batch boundary on shutdown, within the grace period. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(20);

    private final Consumer<String, TaskCommand> consumer;
    private final String commandTopic;
    private final TaskCommands commands;
    private final ExtractionRun.Environment environment;
    private final StatusRecords statuses;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "extractor-worker"));
    private final OffsetTracker offsets = new OffsetTracker();
    private final Set<AttemptId> cancelled = ConcurrentHashMap.newKeySet();
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final AtomicReference<TopicPartition> running = new AtomicReference<>();
    private volatile boolean stopping;
    private final LoopHeartbeat commandsBeat;
    private final LoopHeartbeat extractionBeat;

    public CommandLoop(Consumer<String, TaskCommand> consumer, String commandTopic,
                       ExtractConfigParser parser, TopicNames topicNames,
                       ExtractionRun.Environment environment, FileRoots fileRoots,
                       AllowedHosts allowedHosts) {
        this(consumer, commandTopic, parser, topicNames, environment, fileRoots, allowedHosts, new ServiceHealth());
    }

    /**
     * @param health watches the command consumer (joined its group, polling) and the extraction thread (at a batch
     *               boundary every so often while it extracts; alive)
     */
    public CommandLoop(Consumer<String, TaskCommand> consumer, String commandTopic,
                       ExtractConfigParser parser, TopicNames topicNames,
                       ExtractionRun.Environment environment, FileRoots fileRoots,
                       AllowedHosts allowedHosts, ServiceHealth health) {
        this.commandsBeat = health.watch("extractor-commands", true);
        this.extractionBeat = health.watch("extractor-worker", false);
        extractionBeat.idle();
        this.consumer = consumer;
        this.commandTopic = commandTopic;
        this.commands = new TaskCommands(parser, topicNames, fileRoots, allowedHosts);
        this.environment = environment;
        this.statuses = new StatusRecords(environment.statusTopic(), environment.instance(), environment.avro());
    }

    @Override
    public void run() {
        try {
            poll();
            commandsBeat.ended();
        } catch (RuntimeException | Error e) {
            LOG.error("the extractor's command consumer died; this instance takes no more commands", e);
            commandsBeat.died(e);
            throw e;
        }
    }

    private void poll() {
        consumer.subscribe(List.of(commandTopic), new Rebalance());
        try {
            while (!stopping) {
                commandsBeat.beat();
                ConsumerRecords<String, TaskCommand> records = consumer.poll(POLL);
                // Cancels first: a CANCEL that arrives in the same poll as its START wins before the attempt begins.
                records.forEach(this::registerCancel);
                records.forEach(this::accept);
                commitFinished();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                throw e;
            }
        } finally {
            stopWorker();
            commitFinished();
            consumer.close();
        }
    }

    /** Stops at the next batch boundary of the running task (aborting its batch) and stops consuming. */
    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
    }

    private void accept(ConsumerRecord<String, TaskCommand> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        offsets.received(partition, record.offset());
        TaskCommand command = record.value();
        if (command != null && command.getAction() == TaskAction.START) {
            worker.execute(() -> execute(command, partition, record.offset()));
            return;
        }
        if (command == null || command.getAction() != TaskAction.CANCEL) {
            LOG.warn("ignoring task command at {}@{}: {}", partition, record.offset(), command);
        }
        offsets.done(partition, record.offset());
    }

    private void registerCancel(ConsumerRecord<String, TaskCommand> record) {
        if (record.value() != null && record.value().getAction() == TaskAction.CANCEL) {
            cancelled.add(AttemptId.of(record.value()));
        }
    }

    private void execute(TaskCommand command, TopicPartition partition, long offset) {
        AttemptId attempt = AttemptId.of(command);
        if (stopping || !assigned.contains(partition)) {
            return;
        }
        running.set(partition);
        extractionBeat.beat();
        try {
            ExtractionOutcome outcome = cancelled.contains(attempt) ? new ExtractionOutcome.Stopped() : run(command, attempt, partition);
            report(command, outcome);
            // An attempt stopped by shutdown or rebalance is not done: its command must come again.
            if (!(outcome instanceof ExtractionOutcome.Stopped) || cancelled.contains(attempt)) {
                offsets.done(partition, offset);
            }
        } catch (KafkaException e) {
            LOG.error("this instance's producer is fenced or broken; the extractor stops so another instance takes over", e);
            close();
        } catch (RuntimeException | Error e) {
            // The attempt neither ended nor was reported: its command stays uncommitted until the instance restarts.
            LOG.error("extraction of {} in run {} died", command.getTaskId(), command.getRunId(), e);
            extractionBeat.died(e);
            throw e;
        } finally {
            cancelled.remove(attempt);
            running.set(null);
            extractionBeat.idle();
        }
    }

    private ExtractionOutcome run(TaskCommand command, AttemptId attempt, TopicPartition partition) {
        ExtractTask task;
        try {
            task = commands.toTask(command);
        } catch (InvalidTaskConfigException | IllegalArgumentException e) {
            String reason = "invalid extract task config: " + e.getMessage();
            environment.producer().beginTransaction();
            environment.producer().send(statuses.status(command.getPipeline(), command.getRunId(), command.getTaskId(),
                    command.getAttempt(), TaskStatusType.FAILED, new TaskCounts(0L, 0L, 0L, 0L), reason, environment.clock().instant()));
            environment.producer().commitTransaction();
            return new ExtractionOutcome.Failed(reason);
        }
        // The stop question is asked at every batch boundary: the extraction is making progress.
        return new ExtractionRun(task, environment, () -> {
            extractionBeat.beat();
            return stopping || cancelled.contains(attempt) || !assigned.contains(partition);
        }).execute();
    }

    private static void report(TaskCommand command, ExtractionOutcome outcome) {
        LOG.info("extract {} of run {} attempt {}: {}", command.getTaskId(), command.getRunId(), command.getAttempt(), outcome);
    }

    private void commitFinished() {
        Map<TopicPartition, OffsetAndMetadata> commits = offsets.committable();
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
        }
    }

    private void stopWorker() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                // Closing the producer aborts its open transaction: the batch is redone from the checkpoint.
                LOG.warn("the running extraction did not reach a batch boundary within {}; its batch is aborted",
                        STOP_PATIENCE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
            awaitRunningOutside(partitions);
            commitFinished();
            partitions.forEach(offsets::forget);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            commandsBeat.joined();
            assigned.addAll(partitions);
        }

        /** The running task stops at its next batch boundary once its partition is gone; wait for that. */
        private void awaitRunningOutside(Collection<TopicPartition> partitions) {
            for (TopicPartition current = running.get(); current != null && partitions.contains(current); current = running.get()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
