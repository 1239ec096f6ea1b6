package io.conveyor.scheduler.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.dag.RunStatus;
import io.conveyor.scheduler.tracker.RunJson;
import io.conveyor.scheduler.tracker.TrackerConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
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

    /** A run as far as triggers care: where it stands and the parameters it runs with. */
    public record KnownRun(String runId, RunStatus status, Map<String, String> parameters) {

        public KnownRun {
            parameters = Map.copyOf(parameters);
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
            // Only the summary and parameters of the detail matter here; the task views need not read back.
            JsonNode detail = RunJson.MAPPER.readTree(body);
            RunSummary run = RunJson.MAPPER.treeToValue(detail.path("run"), RunSummary.class);
            Map<String, String> parameters = RunJson.MAPPER.convertValue(detail.path("parameters"), PARAMETERS);
            return Optional.of(new KnownRun(run.runId(), run.status(), parameters == null ? Map.of() : parameters));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tracker instance answered a run that does not parse: " + e.getMessage(), e);
        }
    }

    /** The run stores cannot answer now (tracker starting, rebalancing or stopping); retrying is safe. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message) {
            super(message);
        }
    }
}
