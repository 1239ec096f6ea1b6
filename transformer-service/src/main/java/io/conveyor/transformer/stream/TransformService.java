package io.conveyor.transformer.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.dataplane.AvroCodec;
import io.conveyor.dataplane.ControlPlaneFeed;
import io.conveyor.dataplane.RecordSizeLimit;
import io.conveyor.dataplane.RunDirectory;
import io.conveyor.dataplane.ServiceClients;
import io.conveyor.dataplane.TaskReports;
import io.conveyor.dataplane.WorkerPool;
import io.conveyor.dataplane.health.DependencyMonitor;
import io.conveyor.dataplane.health.ServiceHealth;
import io.conveyor.dataplane.metrics.DataPathMetrics;
import io.conveyor.dataplane.metrics.TaskMetrics;
import io.conveyor.dataplane.stream.StrayRecords;
import io.conveyor.dataplane.stream.TransactionalWorker;
import io.conveyor.deadletter.Stage;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.registry.SchemaRegistryClient;
import io.conveyor.transformer.dedupe.DedupeStorage;
import io.conveyor.transformer.dedupe.DedupeStore;
import io.conveyor.transformer.plan.RulePlanner;
import io.conveyor.transformer.plugin.PluginLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transformer's data path. Every instance reads all transform commands; the first START of a
 * task (pipeline + task id) makes the instance join that task's consumer group
 * ({@code <prefix>.transformer.<pipeline>.<task>}) on the command's input topics. From then on the
 * group consumes the records of every run of the task; each record is processed under its own
 * run's command (its rule chain and pinned pipeline version), records of runs without a command
 * yet are held back, records of cancelled or ended runs are skipped.
 */
public final class TransformService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransformService.class);
    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(30);
    private static final String STAGE = "transform";

    private final TransformerSettings settings;
    private final TopicNames topics;
    private final RunDirectory directory = new RunDirectory();
    private final PluginLoader plugins;
    private final DedupeStorage dedupe;
    private final SchemaRegistryClient registry;
    private final TaskReports reports;
    private final Clock clock;
    private final Admin admin;
    private final ServiceHealth health = new ServiceHealth();
    private final WorkerPool workers = new WorkerPool(health);
    private final ControlPlaneFeed feed;
    private DependencyMonitor dependencies;
    private final AtomicLong quarantined = new AtomicLong();
    private final DataPathMetrics metrics;

    public TransformService(TransformerSettings settings, Clock clock) {
        this(settings, clock, DataPathMetrics.none(STAGE));
    }

    /** @param metrics where the workers count records and batches (the Micronaut shell's Prometheus registry) */
    public TransformService(TransformerSettings settings, Clock clock, DataPathMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.plugins = PluginLoader.fromClasspath(settings.plugins());
        this.topics = new TopicNames(settings.topicPrefix());
        this.clock = clock;
        // The serializers' own settings, so that the credentials of a secured registry (basic.auth.user.info) apply here too.
        this.registry = AvroSerdeConfig.from(settings.clientConfig()).client();
        this.admin = Admin.create(settings.clientConfig());
        this.dedupe = new DedupeStorage(settings.dedupe(), settings.clientConfig(), admin);
        this.reports = new TaskReports(settings.instanceId(), clock);
        this.feed = new ControlPlaneFeed(settings.clientConfig(), topics.taskCommands(TaskKind.TRANSFORM), topics.runs(),
                directory, this::startWorker, health);
    }

    public void start() {
        dependencies = DependencyMonitor.kafkaAndRegistry(settings.clientConfig(), registry);
        health.dependsOn(dependencies);
        feed.start();
    }

    /** The instance's liveness (its loops) and readiness (its groups joined, Kafka and the registry answering). */
    public ServiceHealth health() {
        return health;
    }

    /**
     * Each task's worker has its own dedupe store and therefore its own planner: the store (and the
     * rules built on it) belong to the worker's thread and transactions.
     */
    private void startWorker(TaskCommand command) {
        String task = command.getPipeline() + "." + command.getTaskId();
        String group = settings.topicPrefix() + ".transformer." + task;
        workers.startIfAbsent("transform-" + task, () -> {
            LOG.info("consuming {} for task {} in group {}", command.getInputTopics(), task, group);
            String transactionalId = group + "." + settings.instanceId();
            KafkaProducer<byte[], byte[]> producer = ServiceClients.producer(settings.clientConfig(), Optional.of(transactionalId));
            DedupeStore seenKeys = dedupe.open(transactionalId, topics.dedupeChangelog(command.getPipeline(),
                    command.getTaskId()), producer);
            TaskPlanner planner = new TaskPlanner(new RulePlanner(plugins, seenKeys), registry, this::partitionCount);
            TaskMetrics taskMetrics = metrics.task(command.getPipeline(), command.getTaskId());
            KafkaConsumer<byte[], byte[]> consumer = ServiceClients.taskConsumer(settings.clientConfig(), group, settings.maxPollRecords());
            metrics.bindConsumer(consumer, command.getPipeline(), command.getTaskId());
            return new TransactionalWorker(consumer, producer, command.getInputTopics(),
                    new RecordProcessor(command.getPipeline(), command.getTaskId(), directory, planner, new AvroCodec(registry, settings.clientConfig()),
                            reports, topics.taskStatus(), clock, seenKeys, RecordSizeLimit.of(settings.clientConfig()), taskMetrics),
                    taskMetrics, directory::version, settings.worker().failures(),
                    new StrayRecords(topics.quarantine(), Stage.TRANSFORM, command.getPipeline(), command.getTaskId(),
                            settings.worker().strayPatience(), settings.clientConfig(), quarantined));
        });
    }

    /** Stray data records this instance's workers sent to the quarantine topic. */
    public long quarantined() {
        return quarantined.get();
    }

    private int partitionCount(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe output topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing output topic " + topic, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        feed.close();
        // Each worker commits or aborts its batch, then leaves its group, before the clients it shares are closed.
        workers.stopAll(SHUTDOWN_PATIENCE);
        metrics.close();
        dedupe.close();
        admin.close(Duration.ofSeconds(5));
        if (dependencies != null) {
            dependencies.close();
        }
        LOG.info("transformer {} stopped: workers drained, consumers left their groups", settings.instanceId());
    }
}
