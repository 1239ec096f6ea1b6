package io.conveyor.loader.sink;

import static io.conveyor.loader.sink.SinkFixture.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.loader.stream.LoadService;
import io.conveyor.pipeline.spec.sink.FileFormat;
import io.conveyor.pipeline.spec.sink.FileSink;
import io.conveyor.pipeline.spec.sink.PostgresSink;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WriteMode;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load task whose sink changes kind from one run to the next: each run goes to its own sink and
 * the PostgreSQL worker, which reads every run of the task, leaves the file run alone.
 */
@ExtendWith(ConveyorStackExtension.class)
class SinkKindsTest {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final ConveyorStack stack;
    private final String database = "sinks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    @TempDir
    Path directory;
    private SinkFixture fixture;
    private LoadService service;

    SinkKindsTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void start() throws SQLException {
        execute(ADMIN_URL, "CREATE DATABASE " + database);
        fixture = new SinkFixture(stack);
        service = fixture.service(10);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        execute(ADMIN_URL, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void aRunOfAFileSinkAfterAPostgresRunIsLoadedByTheFileSinkOnly() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:5432/" + database;
        PostgresSink postgres = new PostgresSink(url, Optional.of("postgres"), Optional.empty(), "public",
                new TableTarget("people", WriteMode.APPEND, List.of()));
        fixture.command("people@s-pg", postgres);
        fixture.topics.produceRun(fixture.input, "people@s-pg", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1"))));
        fixture.awaitDone("people@s-pg", 2);

        Path output = directory.resolve("people.csv");
        fixture.command("people@s-file", new FileSink(output.toString(), FileFormat.CSV));
        fixture.topics.produceRun(fixture.input, "people@s-file", "clean", 2, List.of(
                new DataTopics.Data(1, "2", person(2, "Bob", "2"))));
        fixture.awaitDone("people@s-file", 2);
        SinkFixture.await("the file", () -> Files.exists(output));

        fixture.command("people@s-pg2", postgres);
        fixture.topics.produceRun(fixture.input, "people@s-pg2", "clean", 2, List.of(
                new DataTopics.Data(0, "3", person(3, "Cy", "3"))));
        fixture.awaitDone("people@s-pg2", 2);

        assertThat(Files.readAllLines(output)).hasSize(2).last().asString().startsWith("2,Bob,2.00,");
        assertThat(count(url, "SELECT count(*) FROM people")).isEqualTo(2);
        List<TaskStatus> statuses = fixture.topics.readUntil(fixture.names.taskStatus(), records -> records.stream()
                        .filter(record -> fixture.topics.<TaskStatus>specific(record).getState() == TaskStatusType.PARTITION_DONE)
                        .count() >= 6)
                .stream().map(record -> fixture.topics.<TaskStatus>specific(record)).toList();
        assertThat(statuses).noneMatch(status -> status.getState() == TaskStatusType.FAILED);
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", null);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
