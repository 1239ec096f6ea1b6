package io.conveyor.loader.stream;

import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.dataplane.AvroCodec;
import io.conveyor.dataplane.ControlPlaneFeed;
import io.conveyor.dataplane.RunDirectory;
import io.conveyor.dataplane.ServiceClients;
import io.conveyor.dataplane.StatusReports;
import io.conveyor.dataplane.WorkerPool;
import io.conveyor.loader.postgres.Bookkeeping;
import io.conveyor.loader.postgres.RowCopier;
import io.conveyor.loader.postgres.TargetTables;
import io.conveyor.loader.sink.SinkWorkers;
import io.conveyor.pipeline.spec.sink.PostgresSink;
import io.conveyor.schemas.TopicNames;
import io.conveyor.serde.registry.SchemaRegistryClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
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

    private final LoaderSettings settings;
    private final TopicNames topics;
    private final RunDirectory directory = new RunDirectory();
    private final SchemaRegistryClient registry;
    private final StatusReports reports;
    private final Clock clock;
    private final WorkerPool workers = new WorkerPool();
    private final ControlPlaneFeed feed;
    private final SinkWorkers sinkWorkers;

    public LoadService(LoaderSettings settings, Clock clock) {
        this.settings = settings;
        this.topics = new TopicNames(settings.topicPrefix());
        this.clock = clock;
        this.registry = new SchemaRegistryClient(String.valueOf(settings.clientConfig().get("schema.registry.url")));
        this.reports = new StatusReports(settings.instanceId(), clock);
        this.sinkWorkers = new SinkWorkers(settings, directory, registry, reports, clock);
        this.feed = new ControlPlaneFeed(settings.clientConfig(), topics.taskCommands(TaskKind.LOAD), topics.runs(),
                directory, this::startWorker);
    }

    public void start() {
        feed.start();
    }

    /** A command whose plan is invalid starts no worker; the worker of a later valid command reports it. */
    private void startWorker(TaskCommand command) {
        if (sinkWorkers.startIfFor(command, workers)) {
            return;
        }
        if (!(LoadPlanOutcome.of(command) instanceof LoadPlanOutcome.Ready ready)) {
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
        PostgresSink sink = plan.sink();
        try {
            Connection connection = connect(sink);
            Bookkeeping bookkeeping = new Bookkeeping(connection, group, sink.schema());
            TargetTables tables = new TargetTables(connection, sink.schema());
            RunLoader loader = new RunLoader(group, connection, bookkeeping, tables, new RowCopier(connection),
                    new AvroCodec(registry, settings.clientConfig()), reports, topics.taskStatus(), clock);
            return new LoadWorker(ServiceClients.taskConsumer(settings.clientConfig(), group, settings.maxPollRecords()),
                    ServiceClients.producer(settings.clientConfig(), Optional.empty()), connection, bookkeeping, tables, loader, directory, plan);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + plan.database() + " for task " + group, e);
        }
    }

    private Connection connect(PostgresSink sink) throws SQLException {
        Properties properties = new Properties();
        sink.user().ifPresent(user -> properties.setProperty("user", user));
        sink.password().ifPresent(password -> properties.setProperty("password", password.reveal(settings.environment())));
        Connection connection = DriverManager.getConnection(sink.url(), properties);
        connection.setAutoCommit(false);
        return connection;
    }

    @Override
    public void close() throws InterruptedException {
        feed.close();
        workers.stopAll(SHUTDOWN_PATIENCE);
        sinkWorkers.close();
    }
}
