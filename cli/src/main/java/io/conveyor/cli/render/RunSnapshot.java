package io.conveyor.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the CLI shows of a run, read from the scheduler's {@code GET /runs/{runId}}:
 * {@code {run: RunSummary, parameters, failedTasks, tasks: [{task, partitions}]}}.
 */
public record RunSnapshot(String runId, String pipeline, String status, List<TaskLine> tasks) {

    private static final List<String> FINISHED = List.of("SUCCEEDED", "SUCCEEDED_WITH_REJECTS", "FAILED", "CANCELLED");

    /**
     * One task with its counts so far (in = out + rejected + dropped) and how many of its input
     * partitions are done; {@code partitions} is 0 while the task has not started an attempt.
     */
    public record TaskLine(String taskId, String status, int partitionsDone, int partitions, long recordsIn,
                           long recordsOut, long recordsRejected, long recordsDropped, Optional<String> message) {
    }

    public RunSnapshot {
        tasks = List.copyOf(tasks);
    }

    public static RunSnapshot of(JsonNode detail) {
        JsonNode run = detail.path("run");
        List<TaskLine> tasks = new ArrayList<>();
        for (JsonNode entry : detail.path("tasks")) {
            JsonNode task = entry.path("task");
            JsonNode counts = task.path("counts");
            JsonNode partitions = entry.path("partitions");
            JsonNode message = task.path("message");
            tasks.add(new TaskLine(task.path("taskId").asText(), task.path("status").asText(),
                    partitions.path("done").size(), partitions.path("partitions").asInt(0),
                    counts.path("recordsIn").asLong(), counts.path("recordsOut").asLong(),
                    counts.path("recordsRejected").asLong(), counts.path("recordsDropped").asLong(),
                    message.isTextual() ? Optional.of(message.asText()) : Optional.empty()));
        }
        return new RunSnapshot(run.path("runId").asText(), run.path("pipeline").asText(), run.path("status").asText(), tasks);
    }

    public boolean finished() {
        return FINISHED.contains(status);
    }

    /** SUCCEEDED or SUCCEEDED_WITH_REJECTS: the rejects are in the dead-letter topic, the run did its job. */
    public boolean succeeded() {
        return status.startsWith("SUCCEEDED");
    }
}
