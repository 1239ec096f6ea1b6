package io.conveyor.scheduler.trigger;

import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.DeployedPipeline;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.scheduler.query.RunLookup;
import io.conveyor.control.RunIds;
import io.conveyor.pipeline.spec.param.PipelineParameters;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.validation.Validated;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Starts, backfills and cancels runs by publishing trigger events. What can be refused before
 * publishing is refused here with a 4xx: unknown parameters, a cancel of an unknown or finished run
 * and an idempotency key reused with other parameters. The last two need the tracker's run stores;
 * a scheduler instance without a tracker publishes them unchecked, and the tracker dead-letters them.
 */
@Controller
@Requires(env = SchedulerApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "runs")
@Validated
class TriggerController {

    private final PipelineCatalog catalog;
    private final TriggerPublisher publisher;
    private final Backfill backfill;
    private final Optional<RunLookup> runs;

    TriggerController(PipelineCatalog catalog, TriggerPublisher publisher, Backfill backfill, @Nullable RunLookup runs) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.backfill = backfill;
        this.runs = Optional.ofNullable(runs);
    }

    @Post("/pipelines/{name}/runs")
    @Operation(summary = "Start a run now; the same idempotency key always names the same run")
    @ApiResponse(responseCode = "202", description = "the trigger is published; the answer names the run id")
    @ApiResponse(responseCode = "404", description = "no such pipeline")
    @ApiResponse(responseCode = "409", description = "the idempotency key already started a run with other parameters")
    @ApiResponse(responseCode = "422", description = "a parameter the pipeline does not use")
    HttpResponse<RunAccepted> start(@PathVariable String name, @Body @Nullable @Valid ManualRunRequest request) {
        ManualRunRequest body = request == null ? ManualRunRequest.EMPTY : request;
        DeployedPipeline pipeline = requirePipeline(name);
        Map<String, String> parameters = body.parameters().orElse(Map.of());
        requireKnownParameters(pipeline, parameters);
        body.idempotencyKey().ifPresent(key -> requireSameParameters(pipeline, key, parameters));
        String runId = publisher.start(new ManualRun(name, parameters, body.priority().orElse(0),
                body.idempotencyKey(), body.requestedBy()));
        return HttpResponse.accepted().body(new RunAccepted(runId));
    }

    @Post("/pipelines/{name}/backfill")
    @Operation(summary = "Start one run per fire time of the pipeline's schedule in [from, to]")
    @ApiResponse(responseCode = "202", description = "one trigger per fire time is published")
    @ApiResponse(responseCode = "422", description = "no schedule, reversed range, too many fire times or an unknown parameter")
    HttpResponse<BackfillAccepted> backfill(@PathVariable String name, @Body @Valid BackfillRequest request) {
        DeployedPipeline pipeline = requirePipeline(name);
        requireKnownParameters(pipeline, request.parameters().orElse(Map.of()));
        List<Instant> times = backfill.fireTimes(pipeline.spec(), request.from(), request.to());
        List<String> runIds = publisher.backfill(name, times, request.priority().orElse(0),
                request.parameters().orElse(Map.of()), request.requestedBy());
        return HttpResponse.accepted().body(new BackfillAccepted(name, times, runIds));
    }

    @Post("/runs/{runId}/cancel")
    @Operation(summary = "Ask the tracker to cancel a run")
    @ApiResponse(responseCode = "202", description = "the cancel request is published")
    @ApiResponse(responseCode = "404", description = "no such run")
    @ApiResponse(responseCode = "409", description = "the run has finished")
    @ApiResponse(responseCode = "422", description = "not a run id")
    HttpResponse<RunAccepted> cancel(@PathVariable String runId, @Body @Nullable CancelRequest request) {
        if (RunIds.pipelineOf(runId).isPresent() && runs.isPresent()) {
            RunLookup.KnownRun run = runs.get().find(runId).orElseThrow(() -> new UnknownRunException(runId));
            if (run.status().isTerminal()) {
                throw new TriggerConflictException("runId", "run " + runId + " has finished (" + run.status()
                        + "); there is nothing to cancel");
            }
        }
        publisher.cancel(runId, request == null ? Optional.empty() : request.requestedBy());
        return HttpResponse.accepted().body(new RunAccepted(runId));
    }

    private static void requireKnownParameters(DeployedPipeline pipeline, Map<String, String> parameters) {
        SortedSet<String> unknown = PipelineParameters.unknown(pipeline.spec(), parameters);
        if (!unknown.isEmpty()) {
            throw new InvalidTriggerException("parameters", "pipeline '" + pipeline.spec().name()
                    + "' does not use parameter" + (unknown.size() == 1 ? " '" + unknown.first() + "'" : "s " + unknown)
                    + " (it uses " + PipelineParameters.names(pipeline.spec()) + ")");
        }
    }

    /**
     * A key names one run: the same key with other parameters would silently answer a run that does
     * not do what was asked. Compared as the tracker stores them, the pipeline's defaults overridden
     * by the request's.
     */
    private void requireSameParameters(DeployedPipeline pipeline, String key, Map<String, String> parameters) {
        String runId = RunIds.manual(pipeline.spec().name(), key);
        runs.flatMap(lookup -> lookup.find(runId)).ifPresent(run -> {
            Map<String, String> asked = new HashMap<>(pipeline.spec().parameters());
            asked.putAll(parameters);
            if (!asked.equals(run.parameters())) {
                throw new TriggerConflictException("idempotencyKey", "idempotency key '" + key + "' already started run "
                        + runId + " with parameters " + new TreeMap<>(run.parameters()) + ", not "
                        + new TreeMap<>(asked) + "; use another key for another run");
            }
        });
    }

    private DeployedPipeline requirePipeline(String name) {
        return catalog.pipeline(name).orElseThrow(() -> new UnknownPipelineException(name));
    }

    @Serdeable
    record ManualRunRequest(Optional<Map<String, String>> parameters, Optional<Integer> priority,
                            Optional<String> idempotencyKey, Optional<String> requestedBy) {

        static final ManualRunRequest EMPTY = new ManualRunRequest(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** @param from first instant of the range, inclusive; {@code to} is inclusive too */
    @Serdeable
    record BackfillRequest(@NotNull Instant from, @NotNull Instant to, Optional<Integer> priority,
                           Optional<Map<String, String>> parameters, Optional<String> requestedBy) {
    }

    @Serdeable
    record CancelRequest(Optional<String> requestedBy) {
    }

    @Serdeable
    record RunAccepted(String runId) {
    }

    @Serdeable
    record BackfillAccepted(String pipeline, List<Instant> logicalTimes, List<String> runIds) {
    }
}
