package io.conveyor.loader.sink;

import io.conveyor.control.TaskCommand;
import io.conveyor.dataplane.AvroCodec;
import io.conveyor.dataplane.RecordSizeLimit;
import io.conveyor.dataplane.RunDirectory;
import io.conveyor.dataplane.ServiceClients;
import io.conveyor.dataplane.TaskReports;
import io.conveyor.dataplane.WorkerPool;
import io.conveyor.dataplane.stream.TaskOutput;
import io.conveyor.dataplane.stream.StrayRecords;
import io.conveyor.dataplane.stream.TransactionalWorker;
import io.conveyor.dataplane.metrics.DataPathMetrics;
import io.conveyor.dataplane.metrics.TaskMetrics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import io.conveyor.deadletter.Stage;
import io.conveyor.loader.file.FileSinkWriter;
import io.conveyor.loader.kafka.TopicWriter;
import io.conveyor.loader.stream.LoaderSettings;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.pipeline.spec.sink.KafkaSink;
import io.conveyor.pipeline.spec.sink.SinkSpec;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.registry.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the workers of load tasks whose sink commits through Kafka (files and topics). Each sink
 * kind of a task has its own consumer group, {@code <prefix>.loader.<pipeline>.<task>.<kind>}, and
 * skips the runs of the other kinds, so a task may change its sink from one pipeline version to
 * the next.
 */
public final class SinkWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWorkers.class);

    private final LoaderSettings settings;
    private final TopicNames topics;
    private final RunDirectory directory;
    private final SchemaRegistryClient registry;
    private final TaskReports reports;
    private final Clock clock;
    private final AtomicLong quarantined = new AtomicLong();
    private final DataPathMetrics metrics;
    private Admin admin;

    public SinkWorkers(LoaderSettings settings, RunDirectory directory, SchemaRegistryClient registry, TaskReports reports,
                       Clock clock, DataPathMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.topics = new TopicNames(settings.topicPrefix());
        this.directory = directory;
        this.registry = registry;
        this.reports = reports;
        this.clock = clock;
    }

    /** Starts the worker of the command's task and sink kind if its sink is a file or a topic; answers whether it is. */
    public boolean startIfFor(TaskCommand command, WorkerPool workers) {
        SinkSpec sink = RunPlan.sinkOf(command);
        if (sink instanceof FileSink) {
            start(command, workers, "file", FileSink.class, group -> new FileSinkWriter(group, admin()));
            return true;
        }
        if (sink instanceof KafkaSink) {
            start(command, workers, "kafka", KafkaSink.class,
                    group -> new TopicWriter(new AvroCodec(registry, settings.clientConfig()),
                            RecordSizeLimit.of(settings.clientConfig())));
            return true;
        }
        return false;
    }

    private <S extends SinkSpec> void start(TaskCommand command, WorkerPool workers, String kind, Class<S> type,
                                            Function<String, SinkWriter<S>> writer) {
        String task = command.getPipeline() + "." + command.getTaskId();
        String group = settings.topicPrefix() + ".loader." + task + "." + kind;
        workers.startIfAbsent("load-" + kind + "-" + task, () -> {
            LOG.info("loading {} into {} sinks for task {} in group {}", command.getInputTopics(), kind, task, group);
            AvroCodec codec = new AvroCodec(registry, settings.clientConfig());
            TaskMetrics taskMetrics = metrics.task(command.getPipeline(), command.getTaskId());
            TaskOutput output = new TaskOutput(Stage.LOAD, codec, reports, topics.taskStatus(), clock, taskMetrics);
            KafkaConsumer<byte[], byte[]> consumer = ServiceClients.taskConsumer(settings.clientConfig(), group,
                    settings.maxPollRecords());
            metrics.bindConsumer(consumer, command.getPipeline(), command.getTaskId());
            return new TransactionalWorker(consumer,
                    ServiceClients.producer(settings.clientConfig(), Optional.of(group + "." + settings.instanceId())),
                    command.getInputTopics(),
                    new SinkRecordHandler<>(command.getPipeline(), command.getTaskId(), type, writer.apply(group), directory,
                            codec, output, settings.fileRoots()),
                    taskMetrics, directory::version, settings.worker().failures(),
                    new StrayRecords(topics.quarantine(), Stage.LOAD, command.getPipeline(), command.getTaskId(),
                            settings.worker().strayPatience(), settings.clientConfig(), quarantined));
        });
    }

    /** Stray data records this instance's sink workers sent to the quarantine topic. */
    public long quarantined() {
        return quarantined.get();
    }

    /** Created on first use: only file sinks ask the group's committed offsets. */
    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(settings.clientConfig());
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
