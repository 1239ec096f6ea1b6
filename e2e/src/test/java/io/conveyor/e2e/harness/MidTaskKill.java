package io.conveyor.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIGKILL of a service instance in the middle of a run's task, and its restart: when it hit, which
 * task it interrupted and how far that task had got.
 */
public record MidTaskKill(String instance, Instant at, String task, long progress) {

    private static final Logger LOG = LoggerFactory.getLogger(MidTaskKill.class);

    /**
     * Waits until the stage has made {@code threshold} progress, checks that its task is still
     * running, SIGKILLs the instance and starts it again.
     */
    public static MidTaskKill kill(StackPipelines pipelines, String runId, ServiceProcess instance, int taskIndex,
                                   long threshold, LongSupplier measure) {
        long reached = Progress.awaitAtLeast(instance.name() + " progress", threshold, measure);
        JsonNode task = pipelines.run(runId).at("/tasks/" + taskIndex + "/task");
        // READY: the command is out (the transformer and loader report no STARTED); RUNNING: started.
        assertThat(task.at("/status").asText()).as("%s still at work when killed: %s", instance.name(), task)
                .isIn("READY", "RUNNING");
        Instant at = Instant.now();
        instance.kill();
        LOG.info("SIGKILLed {} during task {} of {} at progress {}", instance.name(), task.at("/taskId").asText(), runId, reached);
        instance.restart();
        return new MidTaskKill(instance.name(), at, task.at("/taskId").asText(), reached);
    }
}
