package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerPipeline;
import io.conveyor.e2e.harness.DeadLetterQueue;
import io.conveyor.e2e.harness.DeadLetterQueue.Letter;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.e2e.harness.RunChecks;
import io.conveyor.e2e.harness.ServiceFleet;
import io.conveyor.e2e.harness.ServiceProcess;
import io.conveyor.e2e.harness.TargetDatabase;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of every data-path service, one scheduler, and two concurrent runs of ONE
 * pipeline: the runs share the data topics, the consumer groups and the dead-letter topic, and
 * only the run id in each record keeps them apart. Version 1 of the pipeline reads file A into
 * table A; version 2, deployed while run A is under way, reads file B into table B. Run A is
 * pinned to version 1 and run B to version 2, so any record processed under the wrong run would
 * land in the wrong table, count in the wrong run or be dead-lettered under the wrong run id.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTwoRunsIT {

    private static final CustomerCsv FILE_A = new CustomerCsv(40_000, 0, 10_000);
    private static final CustomerCsv FILE_B = new CustomerCsv(30_000, 10_000_000, 7_000);

    private ServiceFleet fleet;
    private TargetDatabase database;
    private CustomerPipeline versionA;
    private CustomerPipeline versionB;
    private String runA;
    private String runB;
    private JsonNode detailA;
    private JsonNode detailB;
    private List<Letter> deadLetters;

    @BeforeAll
    void runTwoRunsConcurrently(ConveyorStack stack) throws Exception {
        String installation = ConveyorStack.uniqueName("two");
        fleet = new ServiceFleet(stack, installation, 2);
        database = new TargetDatabase(installation.replace('-', '_'));
        Path data = Files.createDirectories(fleet.logs());
        FILE_A.write(data.resolve("a.csv"));
        FILE_B.write(data.resolve("b.csv"));
        versionA = new CustomerPipeline("customers", data.resolve("a.csv"), database.schema(), "customers_a", 1000);
        versionB = versionA.withCsv(data.resolve("b.csv"), "customers_b");
        versionA.createTopics(stack, fleet.names(), 4);
        database.createCustomers(versionA.table());
        database.createCustomers(versionB.table());

        ServiceProcess scheduler = fleet.scheduler("scheduler-1");
        ServiceFleet.startAll(List.of(scheduler,
                fleet.extractor("extractor-1", "256m"), fleet.extractor("extractor-2", "256m"),
                fleet.transformer("transformer-1", "256m"), fleet.transformer("transformer-2", "256m"),
                fleet.loader("loader-1", "256m"), fleet.loader("loader-2", "256m")));
        StackPipelines pipelines = new StackPipelines(stack, fleet.names(), scheduler);

        assertThat(pipelines.deploy(versionA.yaml(), "customers.yaml")).isEqualTo(1);
        runA = pipelines.startOverRest(versionA.name(), "run-a");
        // Version 2 may only be deployed once run A has pinned version 1.
        pipelines.await(runA, "the start", Duration.ofMinutes(2), run -> run.at("/run/status").asText().equals("RUNNING"));
        assertThat(pipelines.deploy(versionB.yaml(), "customers.yaml")).isEqualTo(2);
        runB = pipelines.startOverRest(versionB.name(), "run-b");

        detailA = pipelines.awaitOutcome(runA, Duration.ofMinutes(5));
        detailB = pipelines.awaitOutcome(runB, Duration.ofMinutes(5));
        deadLetters = new DeadLetterQueue(stack).readAll(fleet.names().deadLetters(versionA.name()));
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theRunsRanConcurrentlyEachOnItsOwnPipelineVersion() {
        assertThat(detailA.at("/run/pipelineVersion").asInt()).isEqualTo(1);
        assertThat(detailB.at("/run/pipelineVersion").asInt()).isEqualTo(2);
        Instant finishedA = Instant.parse(detailA.at("/run/finishedAt").asText());
        Instant startedB = Instant.parse(detailB.at("/run/startedAt").asText());
        assertThat(startedB).as("run B started before run A finished").isBefore(finishedA);
    }

    @Test
    void eachTableHoldsExactlyItsRunsGoodRows() {
        RunChecks.assertLoaded(database, versionA.table(), FILE_A);
        RunChecks.assertLoaded(database, versionB.table(), FILE_B);
    }

    @Test
    void eachRunHasExactlyItsOwnDeadLetters() {
        RunChecks.assertDeadLetters(deadLetters, runA, FILE_A);
        RunChecks.assertDeadLetters(deadLetters, runB, FILE_B);
        assertThat(deadLetters).extracting(Letter::runId).containsOnly(runA, runB);
    }

    @Test
    void eachRunDetailHasItsOwnOutcomeAndCounts() {
        RunChecks.assertRunDetail(detailA, FILE_A);
        RunChecks.assertRunDetail(detailB, FILE_B);
    }
}
