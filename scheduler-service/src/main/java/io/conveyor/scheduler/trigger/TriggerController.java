package io.conveyor.scheduler.trigger;

import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.DeployedPipeline;
import io.conveyor.scheduler.catalog.PipelineCatalog;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts, backfills and cancels runs by publishing trigger events. */
@Controller
@Requires(env = SchedulerApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "runs")
@Validated
class TriggerController {

    private final PipelineCatalog catalog;
    private final TriggerPublisher publisher;
    private final Backfill backfill;

    TriggerController(PipelineCatalog catalog, TriggerPublisher publisher, Backfill backfill) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.backfill = backfill;
    }

    @Post("/pipelines/{name}/runs")
    @Operation(summary = "Start a run now; the same idempotency key always names the same run")
    @ApiResponse(responseCode = "202", description = "the trigger is published; the answer names the run id")
    @ApiResponse(responseCode = "404", description = "no such pipeline")
    HttpResponse<RunAccepted> start(@PathVariable String name, @Body @Nullable @Valid ManualRunRequest request) {
        ManualRunRequest body = request == null ? ManualRunRequest.EMPTY : request;
        requirePipeline(name);
        String runId = publisher.start(new ManualRun(name, body.parameters().orElse(Map.of()), body.priority().orElse(0),
                body.idempotencyKey(), body.requestedBy()));
        return HttpResponse.accepted().body(new RunAccepted(runId));
    }

    @Post("/pipelines/{name}/backfill")
    @Operation(summary = "Start one run per fire time of the pipeline's schedule in [from, to]")
    @ApiResponse(responseCode = "202", description = "one trigger per fire time is published")
    @ApiResponse(responseCode = "422", description = "no schedule, reversed range or too many fire times")
    HttpResponse<BackfillAccepted> backfill(@PathVariable String name, @Body @Valid BackfillRequest request) {
        DeployedPipeline pipeline = requirePipeline(name);
        List<Instant> times = backfill.fireTimes(pipeline.spec(), request.from(), request.to());
        List<String> runIds = publisher.backfill(name, times, request.priority().orElse(0),
                request.parameters().orElse(Map.of()), request.requestedBy());
        return HttpResponse.accepted().body(new BackfillAccepted(name, times, runIds));
    }

    @Post("/runs/{runId}/cancel")
    @Operation(summary = "Ask the tracker to cancel a run")
    @ApiResponse(responseCode = "202", description = "the cancel request is published")
    HttpResponse<RunAccepted> cancel(@PathVariable String runId, @Body @Nullable CancelRequest request) {
        publisher.cancel(runId, request == null ? Optional.empty() : request.requestedBy());
        return HttpResponse.accepted().body(new RunAccepted(runId));
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
