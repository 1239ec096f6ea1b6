package io.conveyor.launcher.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the launcher shows of a run, read from the scheduler's {@code GET /runs/{runId}}. */
public record RunView(String runId, String status, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                      List<TaskView> tasks) {

    private static final List<String> FINISHED = List.of("SUCCEEDED", "SUCCEEDED_WITH_REJECTS", "FAILED", "CANCELLED");

    /** One task of the run with its counts so far: in = out + rejected + dropped. */
    public record TaskView(String taskId, String status, long recordsIn, long recordsOut, long recordsRejected,
                           long recordsDropped, Optional<String> message) {
    }

    public RunView {
        tasks = List.copyOf(tasks);
    }

    static RunView of(JsonNode detail) {
        JsonNode run = detail.get("run");
        List<TaskView> tasks = new ArrayList<>();
        for (JsonNode entry : detail.get("tasks")) {
            JsonNode task = entry.get("task");
            JsonNode counts = task.get("counts");
            tasks.add(new TaskView(task.get("taskId").asText(), task.get("status").asText(),
                    counts.get("recordsIn").asLong(), counts.get("recordsOut").asLong(), counts.get("recordsRejected").asLong(),
                    counts.path("recordsDropped").asLong(), text(task, "message")));
        }
        return new RunView(run.get("runId").asText(), run.get("status").asText(), text(run, "startedAt").map(Instant::parse),
                text(run, "finishedAt").map(Instant::parse), tasks);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    public boolean finished() {
        return FINISHED.contains(status);
    }

    public long rejected() {
        return tasks.stream().mapToLong(TaskView::recordsRejected).sum();
    }

    public long dropped() {
        return tasks.stream().mapToLong(TaskView::recordsDropped).sum();
    }

    public Optional<Duration> duration() {
        return startedAt.flatMap(start -> finishedAt.map(end -> Duration.between(start, end)));
    }
}
