package io.conveyor.loader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.control.RunEventType;
import io.conveyor.control.TaskCounts;
import io.conveyor.control.TaskStatus;
import io.conveyor.control.TaskStatusType;
import io.conveyor.dataplane.DeadLetters;
import io.conveyor.dataplane.DataHeaders;
import io.conveyor.dataplane.failure.FailurePolicy;
import io.conveyor.dataplane.failure.WorkerPolicy;
import io.conveyor.dataplane.stream.StrayRecords;
import io.conveyor.dataplane.testing.DataTopics;
import io.conveyor.deadletter.DeadLetter;
import io.conveyor.deadletter.Stage;
import io.conveyor.pipeline.spec.TaskSettings;
import io.conveyor.pipeline.spec.sink.TableTarget;
import io.conveyor.pipeline.spec.sink.WriteMode;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConveyorStackExtension.class)
class LoadServiceTest {

    static final Schema PERSON = new Schema.Parser().parse("""
            {"type": "record", "name": "Person", "namespace": "test.load", "fields": [
              {"name": "id", "type": "long"},
              {"name": "name", "type": "string"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 8, "scale": 2}},
              {"name": "born", "type": ["null", {"type": "int", "logicalType": "date"}], "default": null},
              {"name": "seen", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "active", "type": "boolean"}]}
            """);

    private final ConveyorStack stack;
    private LoaderFixture fixture;
    private LoadService service;

    LoadServiceTest(ConveyorStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void start() throws SQLException {
        fixture = LoaderFixture.postgres(stack);
        service = fixture.service(3);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        fixture.close();
    }

    @Test
    void upsertKeepsTheLastRecordPerKeyAndCreatesTheTableFromTheSchema() throws Exception {
        fixture.command("people@m-1", new TableTarget("people", WriteMode.UPSERT, List.of("id")));
        fixture.topics.produceRun(fixture.input, "people@m-1", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada v1", "1.10")),
                new DataTopics.Data(1, "2", person(2, "Bob v1", "2.20")),
                new DataTopics.Data(0, "1", person(1, "Ada v2", "1.20")),
                new DataTopics.Data(0, "3", person(3, "Cy", "3.30")),
                new DataTopics.Data(1, "2", person(2, "Bob v2", "2.30")),
                new DataTopics.Data(0, "1", person(1, "Ada v3", "1.30")),
                new DataTopics.Data(1, "2", person(2, "Bob v3", "2.40"))));

        List<TaskStatus> done = fixture.awaitDone("people@m-1", 2);

        assertThat(fixture.rows("SELECT id, name, amount, born, active FROM people ORDER BY id")).containsExactly(
                "1|Ada v3|1.30|2000-01-02|true", "2|Bob v3|2.40|2000-01-02|true", "3|Cy|3.30|2000-01-02|true");
        assertThat(fixture.rows("SELECT seen = '2024-05-06T07:08:09Z'::timestamptz FROM people")).containsOnly("true");
        assertThat(fixture.rows("SELECT column_name || ':' || data_type FROM information_schema.columns"
                + " WHERE table_name = 'people' ORDER BY ordinal_position")).containsExactly("id:bigint", "name:text",
                "amount:numeric", "born:date", "seen:timestamp with time zone", "active:boolean");
        assertThat(fixture.stagingTables()).isEmpty();
        assertThat(done).extracting(status -> status.getPartition() + ":" + status.getCounts().getRecordsOut())
                .containsExactlyInAnyOrder("0:4", "1:3");
    }

    @Test
    void strayRecordsAreQuarantinedWhileARunOnTheSamePartitionLoads() throws Exception {
        service.close();
        service = fixture.service(3, new WorkerPolicy(FailurePolicy.defaults(), Duration.ofSeconds(1)), () -> {
        });
        fixture.command("people@m-ok", new TableTarget("strays", WriteMode.APPEND, List.of()));
        // Ahead of the run on partition 0: a record without a run header and one of a run no command names.
        fixture.topics.produceWithoutRunHeader(fixture.input, 0, "stray", person(7, "Nobody", "1"));
        fixture.topics.produceUnfinished(fixture.input, "people@m-ghost", "clean", 2, List.of(
                new DataTopics.Data(0, "8", person(8, "Ghost", "1"))));
        fixture.topics.produceRun(fixture.input, "people@m-ok", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1")), new DataTopics.Data(1, "2", person(2, "Bob", "2"))));

        fixture.awaitDone("people@m-ok", 2);
        List<ConsumerRecord<byte[], byte[]>> quarantined = fixture.topics.readUntil(fixture.names.quarantine(),
                records -> records.size() == 2);

        assertThat(fixture.rows("SELECT name FROM strays ORDER BY id")).containsExactly("Ada", "Bob");
        assertThat(quarantined).extracting(record -> new String(record.key()) + ":"
                        + DataHeaders.text(record.headers(), DeadLetters.EXCEPTION_CLASS) + ":"
                        + DataHeaders.text(record.headers(), DeadLetters.STAGE))
                .containsExactlyInAnyOrder("stray:" + StrayRecords.NO_RUN_HEADER + ":LOAD",
                        "8:" + StrayRecords.UNKNOWN_RUN + ":LOAD");
        assertThat(((GenericRecord) fixture.topics.generic(quarantined.get(0))).get("id")).isIn(7L, 8L);
        assertThat(service.quarantined()).isEqualTo(2);
    }

    @Test
    void rowsOfARunAppearOnlyWhenItCompletesAndAFailedRunLeavesTheTargetUntouched() throws Exception {
        TableTarget events = new TableTarget("events", WriteMode.APPEND, List.of());
        fixture.command("people@m-ok", events);
        fixture.topics.produceRun(fixture.input, "people@m-ok", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1"))));
        fixture.awaitDone("people@m-ok", 2);

        fixture.command("people@m-bad", events);
        fixture.topics.produceUnfinished(fixture.input, "people@m-bad", "clean", 2, List.of(
                new DataTopics.Data(0, "2", person(2, "Bob", "2")), new DataTopics.Data(1, "3", person(3, "Cy", "3"))));
        LoaderFixture.await("the failing run's rows staged", () -> fixture.stagedRows() == 2);
        assertThat(fixture.rows("SELECT name FROM events")).containsExactly("Ada");

        fixture.runEnded("people@m-bad", RunEventType.FAILED);

        LoaderFixture.await("the failed run's staging table dropped", () -> fixture.stagedRows() == 0);
        assertThat(fixture.rows("SELECT name FROM events")).containsExactly("Ada");
    }

    @Test
    void aRowTheTableRefusesGoesToTheDeadLetterTopicAndTheOthersLoad() throws Exception {
        fixture.execute("CREATE TABLE checked (id bigint NOT NULL, name text NOT NULL, amount numeric(8,2) CHECK (amount >= 0),"
                + " born date, seen timestamptz, active boolean)");
        fixture.command("people@m-2", new TableTarget("checked", WriteMode.APPEND, List.of()));
        fixture.topics.produceRun(fixture.input, "people@m-2", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1")),
                new DataTopics.Data(0, "2", person(2, "Bob", "-2")),
                new DataTopics.Data(0, "3", person(3, "Cy", "3"))));

        List<TaskStatus> done = fixture.awaitDone("people@m-2", 2);
        List<ConsumerRecord<byte[], byte[]>> dead = fixture.topics.readUntil(fixture.names.deadLetters(LoaderFixture.PIPELINE),
                records -> !records.isEmpty());

        assertThat(fixture.rows("SELECT name FROM checked ORDER BY id")).containsExactly("Ada", "Cy");
        DeadLetter letter = fixture.topics.specific(dead.get(0));
        assertThat(letter.getStage()).isEqualTo(Stage.LOAD);
        assertThat(letter.getRule()).isEqualTo("constraint:checked_amount_check");
        assertThat(letter.getRunId()).isEqualTo("people@m-2");
        assertThat(letter.getSourceOffset()).isEqualTo(1L);
        assertThat(DataHeaders.text(dead.get(0).headers(), DeadLetters.STAGE)).isEqualTo("LOAD");
        // Every record in is loaded or rejected: in = loaded (out) + rejected; a loader drops nothing.
        assertThat(done).extracting(status -> status.getPartition() + ":" + status.getCounts())
                .containsExactlyInAnyOrder("0:" + new TaskCounts(3L, 2L, 1L, 0L), "1:" + new TaskCounts(0L, 0L, 0L, 0L));
    }

    @Test
    void aBatchWhoseRowsAllBreakTheSameConstraintFailsTheTaskFastWithTheReasonAndMergesNothing() throws Exception {
        service.close();
        service = fixture.service(500);
        fixture.execute("CREATE TABLE positive (id bigint NOT NULL, name text NOT NULL, amount numeric(8,2) CHECK (amount >= 0),"
                + " born date, seen timestamptz, active boolean)");
        fixture.execute("INSERT INTO positive (id, name) VALUES (0, 'before')");
        fixture.command("people@m-all", new TableTarget("positive", WriteMode.APPEND, List.of()));
        List<DataTopics.Data> negative = new ArrayList<>();
        for (int id = 1; id <= 1000; id++) {
            negative.add(new DataTopics.Data(0, Integer.toString(id), person(id, "P" + id, "-" + id)));
        }
        fixture.topics.produceRun(fixture.input, "people@m-all", "clean", 2, negative);

        TaskStatus outcome = awaitFailedOrDone("people@m-all");

        assertThat(outcome.getState()).isEqualTo(TaskStatusType.FAILED);
        assertThat(outcome.getMessage()).startsWith("loading into positive failed: 100 rows in a row were refused with SQLSTATE 23514")
                .contains("positive_amount_check");
        LoaderFixture.await("the failed run's staging table dropped", () -> fixture.stagedRows() == 0);
        assertThat(fixture.rows("SELECT name FROM positive")).containsExactly("before");
        assertThat(fixture.readAll(fixture.names.deadLetters(LoaderFixture.PIPELINE))).hasSizeLessThan(100);
    }

    @Test
    void rowsRefusedAmongRowsThatLoadAreDeadLetteredHoweverManyThereAre() throws Exception {
        service.close();
        service = fixture.service(500);
        fixture.execute("CREATE TABLE mixed (id bigint NOT NULL, name text NOT NULL, amount numeric(8,2) CHECK (amount >= 0),"
                + " born date, seen timestamptz, active boolean)");
        fixture.command("people@m-mix", new TableTarget("mixed", WriteMode.APPEND, List.of()));
        List<DataTopics.Data> alternating = new ArrayList<>();
        for (int id = 1; id <= 400; id++) {
            alternating.add(new DataTopics.Data(0, Integer.toString(id), person(id, "P" + id, (id % 2 == 0 ? "-" : "") + id)));
        }
        fixture.topics.produceRun(fixture.input, "people@m-mix", "clean", 2, alternating);

        List<TaskStatus> done = fixture.awaitDone("people@m-mix", 2);

        assertThat(done).extracting(status -> status.getPartition() + ":" + status.getCounts().getRecordsOut() + ":"
                + status.getCounts().getRecordsRejected()).containsExactlyInAnyOrder("0:200:200", "1:0:0");
        assertThat(fixture.count("SELECT count(*) FROM mixed WHERE id % 2 = 1")).isEqualTo(200);
        assertThat(fixture.count("SELECT count(*) FROM mixed")).isEqualTo(200);
        assertThat(fixture.topics.readUntil(fixture.names.deadLetters(LoaderFixture.PIPELINE), records -> records.size() >= 200)
                .stream().map(record -> fixture.topics.<DeadLetter>specific(record).getRule()))
                .containsOnly("constraint:mixed_amount_check");
    }

    /** The run's first FAILED report, or the PARTITION_DONE reports of both partitions when it did not fail. */
    private TaskStatus awaitFailedOrDone(String runId) {
        List<TaskStatus> reports = new ArrayList<>();
        fixture.topics.readUntil(fixture.names.taskStatus(), records -> {
            reports.clear();
            records.stream().map(record -> fixture.topics.<TaskStatus>specific(record))
                    .filter(status -> status.getRunId().equals(runId)).forEach(reports::add);
            return reports.stream().anyMatch(status -> status.getState() == TaskStatusType.FAILED)
                    || reports.stream().filter(status -> status.getState() == TaskStatusType.PARTITION_DONE).count() == 2;
        });
        return reports.stream().filter(status -> status.getState() == TaskStatusType.FAILED).findFirst()
                .orElse(reports.get(reports.size() - 1));
    }

    @Test
    void theRejectThresholdAppliesToTheRunsTotalsNotToEachPartition() throws Exception {
        fixture.execute("CREATE TABLE lenient (id bigint NOT NULL, name text NOT NULL, amount numeric(8,2) CHECK (amount >= 0),"
                + " born date, seen timestamptz, active boolean)");
        TaskSettings halfMayFail = new TaskSettings(100, TaskSettings.DEFAULT.retry(), Optional.empty(), 0, 0.5);
        fixture.command("people@m-h", new TableTarget("lenient", WriteMode.APPEND, List.of()), halfMayFail);
        fixture.topics.produceRun(fixture.input, "people@m-h", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "-1")),
                new DataTopics.Data(0, "2", person(2, "Bob", "-2")),
                new DataTopics.Data(1, "3", person(3, "Cy", "3")),
                new DataTopics.Data(1, "4", person(4, "Di", "4")),
                new DataTopics.Data(1, "5", person(5, "Ed", "5"))));

        List<TaskStatus> done = fixture.awaitDone("people@m-h", 2);

        assertThat(done).extracting(status -> status.getPartition() + ":" + status.getCounts().getRecordsRejected())
                .containsExactlyInAnyOrder("0:2", "1:0");
        assertThat(fixture.rows("SELECT name FROM lenient ORDER BY id")).containsExactly("Cy", "Di", "Ed");
    }

    @Test
    void runTotalsAboveTheRejectThresholdFailTheRunAndLeaveTheTargetUntouched() throws Exception {
        fixture.execute("CREATE TABLE strict (id bigint NOT NULL, name text NOT NULL, amount numeric(8,2) CHECK (amount >= 0),"
                + " born date, seen timestamptz, active boolean)");
        TaskSettings fewMayFail = new TaskSettings(100, TaskSettings.DEFAULT.retry(), Optional.empty(), 0, 0.3);
        fixture.command("people@m-t", new TableTarget("strict", WriteMode.APPEND, List.of()), fewMayFail);
        fixture.topics.produceRun(fixture.input, "people@m-t", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1")),
                new DataTopics.Data(0, "2", person(2, "Bob", "-2")),
                new DataTopics.Data(1, "3", person(3, "Cy", "3")),
                new DataTopics.Data(1, "4", person(4, "Di", "-4"))));

        TaskStatus failed = fixture.awaitFailed("people@m-t");

        assertThat(failed.getMessage()).contains("2 of 4 records of the run rejected");
        assertThat(failed.getCounts()).isEqualTo(new TaskCounts(4L, 2L, 2L, 0L));
        LoaderFixture.await("the failed run's staging table dropped", () -> fixture.stagedRows() == 0);
        assertThat(fixture.count("SELECT count(*) FROM strict")).isZero();
    }

    @Test
    void aRunTheDatabaseCannotLoadFailsWithoutTouchingTheTarget() throws Exception {
        fixture.execute("CREATE TABLE nokey (id bigint, name text, amount numeric(8,2), born date, seen timestamptz,"
                + " active boolean)");
        fixture.command("people@m-x", new TableTarget("nokey", WriteMode.UPSERT, List.of("id")));
        fixture.topics.produceRun(fixture.input, "people@m-x", "clean", 2, List.of(
                new DataTopics.Data(0, "1", person(1, "Ada", "1")), new DataTopics.Data(1, "2", person(2, "Bob", "2"))));

        TaskStatus failed = fixture.awaitFailed("people@m-x");

        assertThat(failed.getMessage()).startsWith("loading into nokey failed:").contains("ON CONFLICT");
        LoaderFixture.await("the failed run's staging table dropped", () -> fixture.stagedRows() == 0);
        assertThat(fixture.count("SELECT count(*) FROM nokey")).isZero();
    }

    @Test
    void aNewFieldInTheRecordSchemaAddsAColumn() throws Exception {
        Schema v1 = new Schema.Parser().parse("""
                {"type": "record", "name": "Contact", "namespace": "test.load", "fields": [
                  {"name": "id", "type": "long"}, {"name": "name", "type": "string"}]}""");
        Schema v2 = new Schema.Parser().parse("""
                {"type": "record", "name": "Contact", "namespace": "test.load", "fields": [
                  {"name": "id", "type": "long"}, {"name": "name", "type": "string"},
                  {"name": "email", "type": ["null", "string"], "default": null}]}""");
        TableTarget contacts = new TableTarget("contacts", WriteMode.UPSERT, List.of("id"));
        fixture.command("people@m-v1", contacts);
        fixture.topics.produceRun(fixture.input, "people@m-v1", "clean", 2, List.of(
                new DataTopics.Data(0, "1", new GenericRecordBuilder(v1).set("id", 1L).set("name", "Ada").build())));
        fixture.awaitDone("people@m-v1", 2);

        fixture.command("people@m-v2", contacts);
        fixture.topics.produceRun(fixture.input, "people@m-v2", "clean", 2, List.of(
                new DataTopics.Data(1, "2", new GenericRecordBuilder(v2).set("id", 2L).set("name", "Bob")
                        .set("email", "bob@example.org").build())));
        fixture.awaitDone("people@m-v2", 2);

        assertThat(fixture.rows("SELECT id, name, email FROM contacts ORDER BY id"))
                .containsExactly("1|Ada|null", "2|Bob|bob@example.org");
    }

    static GenericRecord person(long id, String name, String amount) {
        Schema decimal = PERSON.getField("amount").schema();
        return new GenericRecordBuilder(PERSON).set("id", id).set("name", name)
                .set("amount", new org.apache.avro.Conversions.DecimalConversion().toBytes(new BigDecimal(amount),
                        decimal, decimal.getLogicalType()))
                .set("born", (int) LocalDate.of(2000, 1, 2).toEpochDay())
                .set("seen", Instant.parse("2024-05-06T07:08:09Z").toEpochMilli())
                .set("active", true).build();
    }
}
