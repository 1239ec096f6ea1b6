package io.conveyor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.e2e.harness.CustomerCsv;
import io.conveyor.e2e.harness.CustomerPipeline;
import io.conveyor.e2e.harness.CustomerStack;
import io.conveyor.e2e.harness.DeadLetterQueue;
import io.conveyor.e2e.harness.StackPipelines;
import io.conveyor.e2e.harness.Progress;
import io.conveyor.e2e.harness.RunChecks;
import io.conveyor.e2e.harness.ServiceFleet;
import io.conveyor.e2e.harness.ServiceProcess;
import io.conveyor.e2e.harness.TargetDatabase;
import io.conveyor.testkit.ConveyorStack;
import io.conveyor.testkit.ConveyorStackExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run during which the extractor, then the transformer, then the loader is stopped with SIGTERM
 * in the middle of its task, as Kubernetes stops a pod: each drains (its in-flight batch committed,
 * or aborted and left to the next instance), leaves its group and exits 0 within the grace period,
 * and the run, picked up by the restarted instance, still ends with exactly the good rows in
 * PostgreSQL and exactly one dead letter per bad row.
 */
@ExtendWith(ConveyorStackExtension.class)
class GracefulShutdownIT {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdownIT.class);
    private static final CustomerCsv CSV = new CustomerCsv(200_000, 0, 10_000);
    /** Kubernetes' default terminationGracePeriodSeconds; the services' own grace period (25 s) is below it. */
    private static final Duration KUBERNETES_GRACE = Duration.ofSeconds(30);

    private CustomerStack deployed;

    @Test
    void sigtermMidRunDrainsEachDataPathServiceWhichExitsZeroAndTheRunStaysExact(ConveyorStack stack) throws Exception {
        deployed = CustomerStack.start(stack, "sigterm", CSV);
        CustomerPipeline pipeline = deployed.pipeline();
        StackPipelines pipelines = deployed.pipelines();
        ServiceFleet fleet = deployed.fleet();
        TargetDatabase database = deployed.database();
        ServiceProcess extractor = deployed.extractor();
        ServiceProcess transformer = deployed.transformer();
        ServiceProcess loader = deployed.loader();

        try (Progress progress = new Progress(stack)) {
            String runId = pipelines.startOverRest(pipeline.name(), "sigterm-1");
            String extracted = fleet.names().data(pipeline.name(), CustomerPipeline.EXTRACT);
            String transformerGroup = deployed.transformerGroup();

            terminateMidTask(pipelines, runId, extractor, 0, 30_000, () -> progress.written(extracted));
            terminateMidTask(pipelines, runId, transformer, 1, 50_000, () -> progress.committed(transformerGroup));
            terminateMidTask(pipelines, runId, loader, 2, 40_000, () -> database.loadedSoFar(runId));

            JsonNode detail = pipelines.awaitOutcome(runId, Duration.ofMinutes(10));

            RunChecks.assertRunDetail(detail, CSV);
            RunChecks.assertLoaded(database, pipeline.table(), CSV);
            RunChecks.assertDeadLetters(new DeadLetterQueue(stack).readAll(fleet.names().deadLetters(pipeline.name())), runId, CSV);
        }
    }

    /**
     * Waits until the stage has made {@code threshold} progress, checks that its task is still running, sends
     * SIGTERM, expects exit status 0 within the grace period and the clean shutdown in the log, and starts it again.
     */
    private static void terminateMidTask(StackPipelines pipelines, String runId, ServiceProcess instance, int taskIndex,
                                         long threshold, LongSupplier measure) throws Exception {
        long reached = Progress.awaitAtLeast(instance.name() + " progress", threshold, measure);
        JsonNode task = pipelines.run(runId).at("/tasks/" + taskIndex + "/task");
        assertThat(task.at("/status").asText()).as("%s still at work when stopped: %s", instance.name(), task)
                .isIn("READY", "RUNNING");
        long logBefore = Files.size(instance.log());
        long start = System.nanoTime();

        int status = instance.terminate(KUBERNETES_GRACE);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("SIGTERMed {} during task {} of {} at progress {}: exit {} after {} ms", instance.name(),
                task.at("/taskId").asText(), runId, reached, status, took.toMillis());
        byte[] log = Files.readAllBytes(instance.log());
        String shutdownLog = new String(log, (int) logBefore, log.length - (int) logBefore, StandardCharsets.UTF_8);
        assertThat(status).as("%s exit status after SIGTERM; its log:%n%s", instance.name(), shutdownLog).isZero();
        assertThat(shutdownLog).as("%s shutdown log", instance.name())
                .contains("received SIGTERM: draining", "stopped:", "shut down cleanly")
                .doesNotContain("did not drain within the grace period");
        instance.restart();
    }

    @AfterEach
    void stop() {
        if (deployed != null) {
            deployed.close();
        }
    }
}
