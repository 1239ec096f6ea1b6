package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerPipeline;
import io.conveyor.e2e.harness.CustomerStack;
import io.conveyor.e2e.harness.DeadLetterQueue;
import io.conveyor.e2e.harness.MidTaskKill;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.e2e.harness.Progress;
import io.conveyor.e2e.harness.RunChecks;
import io.conveyor.e2e.harness.ServiceProcess;
import io.conveyor.e2e.harness.ServiceFleet;
import io.conveyor.e2e.harness.TargetDatabase;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run during which the extractor, then the transformer, then the loader is SIGKILLed in the
 * middle of its task and started again: the run still ends with exactly the good rows in
 * PostgreSQL and exactly one dead letter per bad row.
 */
@ExtendWith(ConveyorStackExtension.class)
class CrashRecoveryIT {

    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
    private static final CustomerCsv CSV = new CustomerCsv(300_000, 0, 10_000);

    private CustomerStack deployed;

    @Test
    void killingEachDataPathServiceMidRunNeitherLosesNorDuplicatesRowsOrDeadLetters(ConveyorStack stack) throws Exception {
        deployed = CustomerStack.start(stack, "crash", CSV);
        CustomerPipeline pipeline = deployed.pipeline();
        StackPipelines pipelines = deployed.pipelines();
        ServiceFleet fleet = deployed.fleet();
        TargetDatabase database = deployed.database();
        ServiceProcess extractor = deployed.extractor();
        ServiceProcess transformer = deployed.transformer();
        ServiceProcess loader = deployed.loader();

        List<MidTaskKill> kills = new ArrayList<>();
        try (Progress progress = new Progress(stack)) {
            String runId = pipelines.startOverRest(pipeline.name(), "crash-1");
            String extracted = fleet.names().data(pipeline.name(), CustomerPipeline.EXTRACT);
            String transformerGroup = deployed.transformerGroup();

            kills.add(MidTaskKill.kill(pipelines, runId, extractor, 0, 50_000, () -> progress.written(extracted)));
            kills.add(MidTaskKill.kill(pipelines, runId, transformer, 1, 80_000, () -> progress.committed(transformerGroup)));
            kills.add(MidTaskKill.kill(pipelines, runId, loader, 2, 60_000, () -> database.loadedSoFar(runId)));

            JsonNode detail = pipelines.awaitOutcome(runId, Duration.ofMinutes(10));
            kills.forEach(kill -> LOG.info("Killed {} at {} during {} (progress {})", kill.instance(), kill.at(), kill.task(), kill.progress()));

            RunChecks.assertRunDetail(detail, CSV);
            RunChecks.assertLoaded(database, pipeline.table(), CSV);
            RunChecks.assertDeadLetters(new DeadLetterQueue(stack).readAll(fleet.names().deadLetters(pipeline.name())), runId, CSV);
        }
        assertThat(kills).extracting(MidTaskKill::task).containsExactly(
                CustomerPipeline.EXTRACT, CustomerPipeline.CLEAN, CustomerPipeline.LOAD);
    }

    @AfterEach
    void stop() {
        if (deployed != null) {
            deployed.close();
        }
    }
}
