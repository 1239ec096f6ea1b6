package io.conveyor.scheduler.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.dag.RunStatus;
import io.conveyor.scheduler.dag.TaskState;
import io.conveyor.scheduler.tracker.RunJson;
import io.conveyor.scheduler.tracker.TrackerConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import io.conveyor.control.TriggerKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the REST API must know of a run before it publishes a trigger for it (cancel, a reused
 * idempotency key): asked of the tracker instance that owns the run, exactly as {@code GET
 * /runs/{runId}} does, so it answers the same on every instance.
 */
@Singleton
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(beans = TrackerConfiguration.class)
public class RunLookup {

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };

    private final RunQueries queries;

    RunLookup(RunQueries queries) {
        this.queries = queries;
    }

    /**
     * A run as far as triggers care: where it stands, the parameters and pipeline version it runs with
     * and the logical time it stands for (scheduled and backfill runs; a manual run's is its creation).
     *
     * @param failures the tasks that ended as a failure ({@link TaskState#isFailure()}: failed, timed out,
     *                 cancelled or skipped because an upstream failed), in topological order; wider than
     *                 {@code RunState.failedTasks()}, which names the failed and timed-out ones
     */
    public record KnownRun(String runId, RunStatus status, Map<String, String> parameters, int pipelineVersion,
                           TriggerKind trigger, Instant logicalTime, List<String> failures) {

        public KnownRun {
            parameters = Map.copyOf(parameters);
            failures = List.copyOf(failures);
        }
    }

    /**
     * @return empty if no run has this id
     * @throws UnavailableException when no tracker instance can answer now
     */
    public Optional<KnownRun> find(String runId) {
        HttpResponse<String> answer = queries.run(runId, false);
        if (answer.status() == HttpStatus.NOT_FOUND) {
            return Optional.empty();
        }
        String body = answer.getBody(String.class).orElse("");
        if (answer.status() != HttpStatus.OK) {
            throw new UnavailableException("cannot look up run " + runId + " (" + answer.status().getCode() + "): " + body);
        }
        try {
            // The summary, parameters and task states of the detail matter here; partition progress does not.
            JsonNode detail = RunJson.MAPPER.readTree(body);
            RunSummary run = RunJson.MAPPER.treeToValue(detail.path("run"), RunSummary.class);
            Map<String, String> parameters = RunJson.MAPPER.convertValue(detail.path("parameters"), PARAMETERS);
            List<String> failures = new ArrayList<>();
            for (JsonNode view : detail.path("tasks")) {
                TaskState task = RunJson.MAPPER.treeToValue(view.path("task"), TaskState.class);
                if (task.isFailure()) {
                    failures.add(task.taskId());
                }
            }
            return Optional.of(new KnownRun(run.runId(), run.status(), parameters == null ? Map.of() : parameters,
                    run.pipelineVersion(), run.trigger(), run.logicalTime(), failures));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tracker instance answered a run that does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * The pipeline's runs that have not finished (queued or running), at most {@code limit} of them.
     *
     * @throws UnavailableException when no tracker instance can answer now
     */
    public List<RunSummary> active(String pipeline, int limit) {
        List<RunSummary> active = new ArrayList<>();
        for (RunStatus status : List.of(RunStatus.RUNNING, RunStatus.QUEUED)) {
            HttpResponse<String> answer = queries.runs(new RunFilter(Optional.of(pipeline), Optional.of(status), 0, limit),
                    false);
            String body = answer.getBody(String.class).orElse("");
            if (answer.status() != HttpStatus.OK) {
                throw new UnavailableException("cannot list the runs of pipeline " + pipeline + " ("
                        + answer.status().getCode() + "): " + body);
            }
            try {
                active.addAll(RunJson.MAPPER.readValue(body, RunPage.class).runs());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tracker instance answered a page that does not parse: " + e.getMessage(), e);
            }
        }
        return active;
    }

    /** The run stores cannot answer now (tracker starting, rebalancing or stopping); retrying is safe. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message) {
            super(message);
        }
    }
}
