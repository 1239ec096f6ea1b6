package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerPipeline;
import io.conveyor.e2e.harness.DeadLetterQueue;
import io.conveyor.e2e.harness.GcLogs;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data sets far larger than a service's heap go through the whole pipeline with every service
 * process at {@code -Xmx512m}: 1,000,000 rows (about 60 MB of CSV) on every build, 5,000,000
 * rows with {@code -Dconveyor.e2e.big=true}. A service that held a run's records, a batch's
 * worth of rows per partition or per-record state without bound would die of
 * OutOfMemoryError, and the run would not end with the exact counts.
 */
@ExtendWith(ConveyorStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedMemoryIT {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedMemoryIT.class);
    private static final String HEAP = "512m";

    private ConveyorStack stack;
    private ServiceFleet fleet;
    private TargetDatabase database;
    private StackPipelines pipelines;
    private List<ServiceProcess> workers;

    @BeforeAll
    void startTheServices(ConveyorStack stack) {
        this.stack = stack;
        String installation = ConveyorStack.uniqueName("memory");
        fleet = new ServiceFleet(stack, installation, 1);
        database = new TargetDatabase(installation.replace('-', '_'));
        ServiceProcess scheduler = fleet.scheduler("scheduler-1");
        workers = List.of(fleet.extractor("extractor-1", HEAP), fleet.transformer("transformer-1", HEAP), fleet.loader("loader-1", HEAP));
        ServiceFleet.startAll(List.of(scheduler, workers.get(0), workers.get(1), workers.get(2)));
        pipelines = new StackPipelines(stack, fleet.names(), scheduler);
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
    void aMillionRowsGoThroughServicesWithHalfAGigabyteOfHeapEach() throws Exception {
        runExactly("million", new CustomerCsv(1_000_000, 0, 100_000));
    }

    @Test
    @EnabledIfSystemProperty(named = "conveyor.e2e.big", matches = "true")
    void fiveMillionRowsGoThroughServicesWithHalfAGigabyteOfHeapEach() throws Exception {
        runExactly("five-million", new CustomerCsv(5_000_000, 0, 100_000));
    }

    private void runExactly(String name, CustomerCsv data) throws Exception {
        Path csv = Files.createDirectories(fleet.logs()).resolve(name + ".csv");
        data.write(csv);
        String table = name.replace('-', '_');
        CustomerPipeline pipeline = new CustomerPipeline(name, csv, database.schema(), table, 5000);
        pipeline.createTopics(stack, fleet.names(), 3);
        database.createCustomers(table);
        pipelines.deploy(pipeline.yaml(), name + ".yaml");

        long started = System.nanoTime();
        String runId = pipelines.startOverRest(name, name);
        JsonNode detail = pipelines.awaitOutcome(runId, Duration.ofMinutes(60));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        try {
            RunChecks.assertRunDetail(detail, data);
            RunChecks.assertLoaded(database, table, data);
            RunChecks.assertDeadLetters(new DeadLetterQueue(stack).readAll(fleet.names().deadLetters(name)), runId, data);
            for (ServiceProcess worker : workers) {
                assertThat(worker.isAlive()).as("%s still running", worker.name()).isTrue();
                assertThat(Files.readString(worker.log())).as("%s log", worker.name()).doesNotContain("OutOfMemoryError");
            }
        } finally {
            LOG.info("{} rows ({} MB of CSV) through the pipeline in {} s; task timings {}", data.rows(), Files.size(csv) >> 20,
                    seconds, detail.at("/tasks").findValues("timings"));
            workers.forEach(worker -> LOG.info("Peak heap of {} (-Xmx{}): {} MB", worker.name(), HEAP, GcLogs.peakHeapMb(worker)));
            Files.delete(csv);
        }
    }
}
