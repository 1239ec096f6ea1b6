package io.conveyor.loader.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.dataplane.AvroCodec;
import io.conveyor.dataplane.ControlPlaneFeed;
import io.conveyor.dataplane.RunDirectory;
import io.conveyor.dataplane.ServiceClients;
import io.conveyor.dataplane.TaskReports;
import io.conveyor.dataplane.WorkerPool;
import io.conveyor.dataplane.health.DependencyMonitor;
import io.conveyor.dataplane.health.ServiceHealth;
import io.conveyor.dataplane.metrics.DataPathMetrics;
import io.conveyor.dataplane.metrics.TaskMetrics;
import io.conveyor.dataplane.stream.StrayRecords;
import io.conveyor.deadletter.Stage;
import io.conveyor.loader.warehouse.Bookkeeping;
import io.conveyor.loader.warehouse.Outbox;
import io.conveyor.loader.warehouse.TargetTables;
import io.conveyor.loader.warehouse.Warehouse;
import io.conveyor.loader.sink.SinkWorkers;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.avro.AvroSerdeConfig;
import io.conveyor.serde.registry.SchemaRegistryClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loader's data path. Like the transformer, every instance reads all load commands and the
 * first START of a task makes it join the task's consumer group
 * ({@code <prefix>.loader.<pipeline>.<task>}); each record is loaded under its own run's command.
 * File and Kafka sinks are loaded by the {@link SinkWorkers} in groups of their own.
 */
public final class LoadService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadService.class);
    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(30);
    private static final String STAGE = "load";

    private final LoaderSettings settings;
    private final TopicNames topics;
    private final RunDirectory directory = new RunDirectory();
    private final SchemaRegistryClient registry;
    private final TaskReports reports;
    private final Clock clock;
    private final ServiceHealth health = new ServiceHealth();
    private final WorkerPool workers = new WorkerPool(health);
    private DependencyMonitor dependencies;
    private final AtomicLong quarantined = new AtomicLong();
    private final ControlPlaneFeed feed;
    private final Runnable afterOutboxCommit;
    private final SinkWorkers sinkWorkers;
    private final DataPathMetrics metrics;

    public LoadService(LoaderSettings settings, Clock clock) {
        this(settings, clock, DataPathMetrics.none(STAGE));
    }

    /** @param metrics where the workers count records and batches (the Micronaut shell's Prometheus registry) */
    public LoadService(LoaderSettings settings, Clock clock, DataPathMetrics metrics) {
        this(settings, clock, metrics, () -> {
        });
    }

    /** @param afterOutboxCommit runs between each Kafka commit of the outbox and its delete; tests fail there */
    LoadService(LoaderSettings settings, Clock clock, Runnable afterOutboxCommit) {
        this(settings, clock, DataPathMetrics.none(STAGE), afterOutboxCommit);
    }

    private LoadService(LoaderSettings settings, Clock clock, DataPathMetrics metrics, Runnable afterOutboxCommit) {
        this.metrics = metrics;
        this.settings = settings;
        this.afterOutboxCommit = afterOutboxCommit;
        this.topics = new TopicNames(settings.topicPrefix());
        this.clock = clock;
        // The serializers' own settings, so that the credentials of a secured registry (basic.auth.user.info) apply here too.
        this.registry = AvroSerdeConfig.from(settings.clientConfig()).client();
        this.reports = new TaskReports(settings.instanceId(), clock);
        this.sinkWorkers = new SinkWorkers(settings, directory, registry, reports, clock, metrics);
        this.feed = new ControlPlaneFeed(settings.clientConfig(), topics.taskCommands(TaskKind.LOAD), topics.runs(),
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

    /** A command whose plan is invalid starts no worker; the worker of a later valid command reports it. */
    private void startWorker(TaskCommand command) {
        if (sinkWorkers.startIfFor(command, workers)) {
            return;
        }
        if (!(LoadPlanOutcome.of(command, settings) instanceof LoadPlanOutcome.Ready ready)) {
            LOG.error("load command of run {} task {} is invalid; no worker started", command.getRunId(), command.getTaskId());
            return;
        }
        String task = command.getPipeline() + "." + command.getTaskId();
        String group = settings.topicPrefix() + ".loader." + task;
        workers.startIfAbsent("load-" + task, () -> {
            LOG.info("loading {} for task {} in group {}", command.getInputTopics(), task, group);
            return worker(group, ready.plan());
        });
    }

    private LoadWorker worker(String group, LoadPlan plan) {
        Warehouse warehouse = plan.warehouse();
        try {
            Connection connection = warehouse.connect();
            try {
                TaskMetrics taskMetrics = metrics.task(plan.command().getPipeline(), plan.command().getTaskId());
                Bookkeeping bookkeeping = new Bookkeeping(connection, group, warehouse.schema(), warehouse.dialect());
                TargetTables tables = new TargetTables(connection, warehouse.schema(), warehouse.dialect());
                Outbox outbox = new Outbox(connection, group, warehouse.schema());
                RunLoader loader = new RunLoader(group, warehouse, bookkeeping, outbox, tables,
                        warehouse.dialect().rowWriter(connection, settings.rowRetryBudget()),
                        new AvroCodec(registry, settings.clientConfig()), reports, topics.taskStatus(), clock, taskMetrics);
                String publisherGroup = OutboxPublisher.publisherGroup(group);
                OutboxPublisher publisher = new OutboxPublisher(group, warehouse, connection, outbox,
                        () -> ServiceClients.producer(settings.clientConfig(), Optional.of(publisherGroup)),
                        () -> ServiceClients.taskConsumer(settings.clientConfig(), publisherGroup, 1),
                        new TopicPartition(topics.taskStatus(), 0), afterOutboxCommit);
                KafkaConsumer<byte[], byte[]> consumer = ServiceClients.taskConsumer(settings.clientConfig(), group,
                        settings.maxPollRecords());
                metrics.bindConsumer(consumer, plan.command().getPipeline(), plan.command().getTaskId());
                return new LoadWorker(consumer, publisher, warehouse, connection, bookkeeping, tables, loader, directory, plan,
                        settings, new StrayRecords(topics.quarantine(), Stage.LOAD, plan.command().getPipeline(),
                                plan.command().getTaskId(), settings.worker().strayPatience(), settings.clientConfig(),
                                quarantined), taskMetrics);
            } catch (SQLException | RuntimeException e) {
                warehouse.disconnect(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + plan.database() + " for task " + group, e);
        }
    }

    /** Stray data records this instance's workers (warehouse and other sinks) sent to the quarantine topic. */
    public long quarantined() {
        return quarantined.get() + sinkWorkers.quarantined();
    }

    @Override
    public void close() throws InterruptedException {
        feed.close();
        // Each worker commits or rolls back its batch, then leaves its group, before the shared clients are closed.
        workers.stopAll(SHUTDOWN_PATIENCE);
        metrics.close();
        sinkWorkers.close();
        if (dependencies != null) {
            dependencies.close();
        }
        LOG.info("loader {} stopped: workers drained, consumers left their groups", settings.instanceId());
    }
}
