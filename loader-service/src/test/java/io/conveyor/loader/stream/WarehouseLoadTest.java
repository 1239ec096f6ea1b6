package io.conveyor.loader.stream;

import static io.conveyor.loader.stream.LoadServiceTest.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskStatus;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WriteMode;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The loader on the embedded warehouse, a real DuckDB file, as the one-command local run uses it. */
@ExtendWith(ConveyorStackExtension.class)
class WarehouseLoadTest {

    private final ConveyorStack stack;
    @TempDir
    Path directory;
    private LoaderFixture fixture;
    private LoadService service;

    WarehouseLoadTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void start() {
        fixture = new LoaderFixture(stack, TestWarehouse.duckdb(directory));
        service = fixture.service(3);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        fixture.close();
    }

    @Test
    void upsertKeepsTheLastRecordPerKeyInATableMadeFromTheSchema() throws Exception {
        fixture.command("people@w-1", new TableTarget("people", WriteMode.UPSERT, List.of("id")));
        fixture.topics.produceRun(fixture.input, "people@w-1", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada v1", "1.10")),
                new DataTopics.Data(1, "2", person(2, "Bob v1", "2.20")),
                new DataTopics.Data(0, "1", person(1, "Ada v2", "1.20")),
                new DataTopics.Data(0, "3", person(3, "Cy", "3.30")),
                new DataTopics.Data(1, "2", person(2, "Bob v2", "2.30"))));
        fixture.awaitDone("people@w-1", 2);

        fixture.command("people@w-2", new TableTarget("people", WriteMode.UPSERT, List.of("id")));
        fixture.topics.produceRun(fixture.input, "people@w-2", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada v3", "1.30"))));
        fixture.awaitDone("people@w-2", 2);

        assertThat(fixture.rows("SELECT id, name, amount, born, active FROM people ORDER BY id")).containsExactly(
                "1|Ada v3|1.30|2000-01-02|true", "2|Bob v2|2.30|2000-01-02|true", "3|Cy|3.30|2000-01-02|true");
        assertThat(fixture.rows("SELECT seen = TIMESTAMPTZ '2024-05-06 07:08:09+00' FROM people")).containsOnly("true");
        assertThat(fixture.rows("SELECT column_name || ':' || data_type FROM information_schema.columns"
                + " WHERE table_name = 'people' ORDER BY ordinal_position")).containsExactly("id:BIGINT", "name:VARCHAR",
                "amount:DECIMAL(8,2)", "born:DATE", "seen:TIMESTAMP WITH TIME ZONE", "active:BOOLEAN");
        assertThat(fixture.stagingTables()).isEmpty();
    }

    @Test
    void rowsTheTableCannotTakeGoToTheDeadLetterTopicAndTheOthersLoad() throws Exception {
        fixture.execute("CREATE TABLE narrow (id BIGINT NOT NULL, name VARCHAR NOT NULL, amount DECIMAL(4,2),"
                + " born DATE NOT NULL, seen TIMESTAMPTZ, active BOOLEAN)");
        fixture.command("people@w-3", new TableTarget("narrow", WriteMode.APPEND, List.of()));
        fixture.topics.produceRun(fixture.input, "people@w-3", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1")),
                new DataTopics.Data(0, "2", person(2, "Bob", "123.45")),
                new DataTopics.Data(1, "3", person(3, "Cy", "3")),
                new DataTopics.Data(1, "4", new GenericRecordBuilder((GenericData.Record) person(4, "Di", "4"))
                        .set("born", null).build())));

        List<TaskStatus> done = fixture.awaitDone("people@w-3", 2);
        List<DeadLetter> letters = fixture.topics.readUntil(fixture.names.deadLetters(LoaderFixture.PIPELINE),
                records -> records.size() == 2).stream().map(record -> fixture.topics.<DeadLetter>specific(record)).toList();

        assertThat(fixture.rows("SELECT name FROM narrow ORDER BY id")).containsExactly("Ada", "Cy");
        assertThat(letters).extracting(DeadLetter::getStage).containsOnly(Stage.LOAD);
        assertThat(letters).extracting(letter -> letter.getSourcePartition() + "@" + letter.getSourceOffset() + " "
                + letter.getRule() + " " + letter.getField()).containsExactlyInAnyOrder(
                "0@1 type:DECIMAL(4,2) amount", "1@1 not-null born");
        assertThat(done).extracting(status -> status.getPartition() + ":" + status.getCounts().getRecordsRejected())
                .containsExactlyInAnyOrder("0:1", "1:1");
    }

    @Test
    void aFailedRunLeavesTheTargetUntouched() throws Exception {
        TableTarget events = new TableTarget("events", WriteMode.APPEND, List.of());
        fixture.command("people@w-ok", events);
        fixture.topics.produceRun(fixture.input, "people@w-ok", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1"))));
        fixture.awaitDone("people@w-ok", 2);

        fixture.command("people@w-bad", events);
        fixture.topics.produceUnfinished(fixture.input, "people@w-bad", "clean", 2, List.of(
                new DataTopics.Data(0, "2", person(2, "Bob", "2")), new DataTopics.Data(1, "3", person(3, "Cy", "3"))));
        LoaderFixture.await("the failing run's rows staged", () -> fixture.stagedRows() == 2);
        assertThat(fixture.rows("SELECT name FROM events")).containsExactly("Ada");

        fixture.runEnded("people@w-bad", RunEventType.FAILED);

        LoaderFixture.await("the failed run's staging table dropped", () -> fixture.stagedRows() == 0);
        assertThat(fixture.rows("SELECT name FROM events")).containsExactly("Ada");
    }

    @Test
    void runTotalsAboveTheRejectThresholdFailTheRunAndReplaceLeavesTheTargetAsItWas() throws Exception {
        fixture.execute("CREATE TABLE kept (id BIGINT NOT NULL, name VARCHAR NOT NULL, amount DECIMAL(4,2),"
                + " born DATE, seen TIMESTAMPTZ, active BOOLEAN)");
        fixture.execute("INSERT INTO kept (id, name) VALUES (0, 'before')");
        TaskSettings fewMayFail = new TaskSettings(100, TaskSettings.DEFAULT.retry(), Optional.empty(), 0, 0.3);
        fixture.command("people@w-t", new TableTarget("kept", WriteMode.REPLACE, List.of()), fewMayFail);
        fixture.topics.produceRun(fixture.input, "people@w-t", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1")),
                new DataTopics.Data(0, "2", person(2, "Bob", "222")),
                new DataTopics.Data(1, "3", person(3, "Cy", "3"))));

        TaskStatus failed = fixture.awaitFailed("people@w-t");

        assertThat(failed.getMessage()).contains("1 of 3 records of the run rejected");
        LoaderFixture.await("the failed run's staging table dropped", () -> fixture.stagedRows() == 0);
        assertThat(fixture.rows("SELECT name FROM kept")).containsExactly("before");
    }

    @Test
    void aRunTheWarehouseCannotLoadFailsWithoutTouchingTheTarget() throws Exception {
        fixture.execute("CREATE TABLE nokey (id BIGINT, name VARCHAR, amount DECIMAL(8,2), born DATE, seen TIMESTAMPTZ,"
                + " active BOOLEAN)");
        fixture.command("people@w-x", new TableTarget("nokey", WriteMode.UPSERT, List.of("id")));
        fixture.topics.produceRun(fixture.input, "people@w-x", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1")), new DataTopics.Data(1, "2", person(2, "Bob", "2"))));

        TaskStatus failed = fixture.awaitFailed("people@w-x");

        assertThat(failed.getMessage()).startsWith("loading into nokey failed:");
        LoaderFixture.await("the failed run's staging table dropped", () -> fixture.stagedRows() == 0);
        assertThat(fixture.count("SELECT count(*) FROM nokey")).isZero();
    }
}
