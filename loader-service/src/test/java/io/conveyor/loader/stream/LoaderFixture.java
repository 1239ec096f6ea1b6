package io.conveyor.loader.stream;

import io.conveyor.control.RunEvent;
import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskAction;
import io.conveyor.control.TaskCommand;
import io.conveyor.control.TaskKind;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.dataplane.failure.WorkerPolicy;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.loader.warehouse.RefusalStreak;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.pipeline.spec.TaskWork;
import io.conveyor.pipeline.spec.TriggerRule;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.schemas.TopicNames;
import io.conveyor.testkit.ConveyorStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A database of its own, the loader's topics and helpers to command runs and read results. */
final class LoaderFixture implements AutoCloseable {

    static final String PIPELINE = "people";

    final ConveyorStack stack;
    final DataTopics topics;
    final TopicNames names;
    final String input;
    final TestWarehouse warehouse;

    LoaderFixture(ConveyorStack stack, TestWarehouse warehouse) {
        this.stack = stack;
        this.warehouse = warehouse;
        this.topics = new DataTopics(stack);
        this.names = new TopicNames(ConveyorStack.uniqueName("ld"));
        this.input = names.data(PIPELINE, "clean");
        stack.createTopics(2, input);
        stack.createTopics(1, names.taskCommands(TaskKind.LOAD), names.runs(), names.taskStatus(), names.deadLetters(PIPELINE));
    }

    static LoaderFixture postgres(ConveyorStack stack) throws SQLException {
        return new LoaderFixture(stack, TestWarehouse.postgres());
    }

    LoadService service(int maxPollRecords) {
        return service(maxPollRecords, () -> {
        });
    }

    /** @param afterOutboxCommit runs between each Kafka commit of the outbox and its delete */
    LoadService service(int maxPollRecords, Runnable afterOutboxCommit) {
        return service(maxPollRecords, WorkerPolicy.defaults(), afterOutboxCommit);
    }

    LoadService service(int maxPollRecords, WorkerPolicy worker, Runnable afterOutboxCommit) {
        LoadService service = new LoadService(new LoaderSettings(stack.clientConfig(), names.prefix(), "ld-test",
                maxPollRecords, Map.of(), warehouse.defaultWarehouse(), RefusalStreak.DEFAULT_BUDGET, worker),
                Clock.systemUTC(), afterOutboxCommit);
        service.start();
        return service;
    }

    /** Every committed record of the topic; call it when no transaction on it is open. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return topics.readAll(topic);
    }

    void command(String runId, TableTarget target) {
        command(runId, target, TaskSettings.DEFAULT);
    }

    void command(String runId, TableTarget target, TaskSettings settings) {
        TaskSpec load = new TaskSpec("load", List.of("clean"), TriggerRule.ALL_SUCCESS, settings, List.of(),
                new TaskWork.Load(warehouse.sink(target)));
        topics.publish(names.taskCommands(TaskKind.LOAD), runId, TaskCommand.newBuilder().setRunId(runId)
                .setPipeline(PIPELINE).setTaskId("load").setKind(TaskKind.LOAD).setAction(TaskAction.START)
                .setConfig(load.canonicalJson()).setInputTopics(List.of(input))
                .setDeadLetterTopic(names.deadLetters(PIPELINE)).setIssuedAt(Instant.now()).build());
    }

    void runEnded(String runId, RunEventType type) {
        topics.publish(names.runs(), runId, RunEvent.newBuilder().setRunId(runId).setPipeline(PIPELINE).setType(type)
                .setLogicalTime(Instant.now()).setTime(Instant.now()).build());
    }

    /** Waits for the run's first FAILED report. */
    TaskStatus awaitFailed(String runId) {
        List<TaskStatus> failed = new ArrayList<>();
        topics.readUntil(names.taskStatus(), records -> {
            failed.clear();
            records.stream().map(record -> topics.<TaskStatus>specific(record))
                    .filter(status -> status.getRunId().equals(runId) && status.getState() == TaskStatusType.FAILED)
                    .forEach(failed::add);
            return !failed.isEmpty();
        });
        return failed.get(0);
    }

    /** The PARTITION_DONE reports of the run, waiting until every input partition has one. */
    List<TaskStatus> awaitDone(String runId, int partitions) {
        List<TaskStatus> done = new ArrayList<>();
        topics.readUntil(names.taskStatus(), records -> {
            done.clear();
            records.stream().map(record -> topics.<TaskStatus>specific(record))
                    .filter(status -> status.getRunId().equals(runId) && status.getState() == TaskStatusType.PARTITION_DONE)
                    .forEach(done::add);
            return done.stream().map(TaskStatus::getPartition).collect(Collectors.toSet()).size() == partitions;
        });
        return done;
    }

    List<String> rows(String sql) throws SQLException {
        Connection connection = warehouse.connect();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rows.getObject(i)));
                }
                result.add(String.join("|", values));
            }
            return result;
        } finally {
            warehouse.disconnect(connection);
        }
    }

    long count(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0));
    }

    void execute(String sql) throws SQLException {
        Connection connection = warehouse.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } finally {
            warehouse.disconnect(connection);
        }
    }

    Set<String> stagingTables() throws SQLException {
        return Set.copyOf(rows("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'conveyor_stage_%'"));
    }

    /**
     * Rows in all staging tables, or -1 when a table went away while counting (the loader merged
     * or dropped it meanwhile): ask again.
     */
    long stagedRows() {
        try {
            long rows = 0;
            for (String table : stagingTables()) {
                rows += count("SELECT count(*) FROM " + table);
            }
            return rows;
        } catch (SQLException e) {
            if (warehouse.isMissingTable(e)) {
                return -1;
            }
            throw new IllegalStateException("cannot count staged rows", e);
        }
    }

    /** Waits for a condition the loader brings about asynchronously; fails after a minute. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws SQLException {
        warehouse.close();
    }
}
