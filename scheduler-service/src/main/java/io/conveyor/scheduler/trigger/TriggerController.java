package io.conveyor.scheduler.trigger;

import io.conveyor.scheduler.security.Callers;
import io.conveyor.security.Roles;
import io.micronaut.security.annotation.Secured;
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
import java.security.Principal;
import java.time.Instant;
import io.conveyor.control.TriggerKind;
import io.micronaut.http.HttpStatus;
import java.util.ArrayList;
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
@Secured(Roles.OPERATOR)
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
    HttpResponse<RunAccepted> start(@PathVariable String name, @Body @Nullable @Valid ManualRunRequest request,
                                   @Nullable Principal principal) {
        ManualRunRequest body = request == null ? ManualRunRequest.EMPTY : request;
        DeployedPipeline pipeline = requireUnpaused(requirePipeline(name));
        Map<String, String> parameters = body.parameters().orElse(Map.of());
        requireKnownParameters(pipeline, parameters);
        body.idempotencyKey().ifPresent(key -> requireSameParameters(pipeline, key, parameters));
        String runId = publisher.start(new ManualRun(name, parameters, body.priority().orElse(0),
                body.idempotencyKey(), Callers.requestedBy(principal, body.requestedBy())));
        return HttpResponse.accepted().body(new RunAccepted(runId));
    }

    @Post("/pipelines/{name}/backfill")
    @Operation(summary = "Start one run per fire time of the pipeline's schedule in [from, to]")
    @ApiResponse(responseCode = "202", description = "one trigger per fire time is published")
    @ApiResponse(responseCode = "409", description = "the pipeline is paused, or fire times of the range already ran (listed; force=true reruns them)")
    @ApiResponse(responseCode = "422", description = "no schedule, reversed range, too many fire times or an unknown parameter")
    HttpResponse<?> backfill(@PathVariable String name, @Body @Valid BackfillRequest request, @Nullable Principal principal) {
        Optional<String> requestedBy = Callers.requestedBy(principal, request.requestedBy());
        DeployedPipeline pipeline = requireUnpaused(requirePipeline(name));
        Map<String, String> parameters = request.parameters().orElse(Map.of());
        requireKnownParameters(pipeline, parameters);
        List<Instant> times = backfill.fireTimes(pipeline.spec(), request.from(), request.to());
        // A fire time that already ran has a run under its deterministic id, which the tracker would
        // silently keep; the caller is told instead, and force=true starts a new run for it.
        List<AlreadyRan> ran = new ArrayList<>();
        runs.ifPresent(lookup -> times.forEach(time -> lookup.find(RunIds.scheduled(name, time))
                .ifPresent(run -> ran.add(new AlreadyRan(time, run.runId(), run.status().name())))));
        boolean force = request.force().orElse(false);
        if (!ran.isEmpty() && !force) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(new BackfillConflict(ran.size() + " of the "
                    + times.size() + " fire times of the range already ran; nothing was started (force=true reruns them"
                    + " as new runs)", "from", ran));
        }
        List<Instant> fresh = times.stream().filter(time -> ran.stream().noneMatch(r -> r.logicalTime().equals(time)))
                .toList();
        int priority = request.priority().orElse(0);
        List<String> freshIds = publisher.backfill(name, fresh, priority, parameters, requestedBy);
        Map<Instant, String> idByTime = new HashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            idByTime.put(fresh.get(i), freshIds.get(i));
        }
        List<Rerun> reruns = new ArrayList<>();
        for (AlreadyRan previous : ran) {
            String runId = publisher.rerun(name, previous.runId(), Optional.of(previous.logicalTime()), parameters,
                    priority, Optional.empty(), requestedBy, false);
            idByTime.put(previous.logicalTime(), runId);
            reruns.add(new Rerun(runId, previous.runId(), previous.logicalTime()));
        }
        return HttpResponse.accepted().body(new BackfillAccepted(name, times, times.stream().map(idByTime::get).toList(),
                reruns));
    }

    @Post("/runs/{runId}/rerun")
    @Operation(summary = "Start a new run repeating a finished run: same parameters, same logical time, rerunOf set;"
            + " with failedOnly, only its failed tasks (and what they need) run again")
    @ApiResponse(responseCode = "202", description = "the trigger is published; the answer names the new run")
    @ApiResponse(responseCode = "404", description = "no such run")
    @ApiResponse(responseCode = "409", description = "the run has not finished, its pipeline is paused, deleted or has another"
            + " version now, or failedOnly and the run has no failed task")
    @ApiResponse(responseCode = "422", description = "not a run id")
    HttpResponse<RerunAccepted> rerun(@PathVariable String runId, @Body @Nullable RerunRequest request,
                                     @Nullable Principal principal) {
        RerunRequest body = request == null ? RerunRequest.EMPTY : request;
        String name = RunIds.pipelineOf(runId).orElseThrow(() -> new InvalidTriggerException("runId",
                "'" + runId + "' is not a run id ({pipeline}@{time} or {pipeline}@m-{key})"));
        RunLookup lookup = runs.orElseThrow(() -> new TriggerConflictException("runId", "this scheduler instance runs no"
                + " tracker, so it cannot read run " + runId + "; ask an instance that does"));
        RunLookup.KnownRun run = lookup.find(runId).orElseThrow(() -> new UnknownRunException(runId));
        if (!run.status().isTerminal()) {
            throw new TriggerConflictException("runId", "run " + runId + " has not finished (" + run.status()
                    + "); cancel it or wait before rerunning it");
        }
        DeployedPipeline pipeline = catalog.pipeline(name).orElseThrow(() -> new TriggerConflictException("pipeline",
                "pipeline '" + name + "' of run " + runId + " is no longer deployed"));
        requireUnpaused(pipeline);
        boolean failedOnly = body.failedOnly().orElse(false);
        if (failedOnly && pipeline.versionNumber() != run.pipelineVersion()) {
            throw new TriggerConflictException("failedOnly", "run " + runId + " ran version " + run.pipelineVersion()
                    + " of pipeline '" + name + "', which is at version " + pipeline.versionNumber() + " now; a rerun of"
                    + " its failed tasks keeps the other tasks' outcomes of that version, so it needs that version:"
                    + " rerun the whole run instead (with \"onCurrentVersion\": true)");
        }
        if (failedOnly && run.failures().isEmpty()) {
            throw new TriggerConflictException("failedOnly", "run " + runId + " (" + run.status() + ") has no failed,"
                    + " timed-out, cancelled or upstream-failed task to rerun");
        }
        if (pipeline.versionNumber() != run.pipelineVersion() && !body.onCurrentVersion().orElse(false)) {
            throw new TriggerConflictException("pipelineVersion", "run " + runId + " ran version " + run.pipelineVersion()
                    + " of pipeline '" + name + "', which is at version " + pipeline.versionNumber() + " now; runs start"
                    + " on the current version, so pass \"onCurrentVersion\": true to rerun it on version "
                    + pipeline.versionNumber());
        }
        Optional<Instant> logicalTime = run.trigger() == TriggerKind.MANUAL ? Optional.empty()
                : Optional.of(run.logicalTime());
        String newRun = publisher.rerun(name, runId, logicalTime, run.parameters(), body.priority().orElse(0),
                body.idempotencyKey(), Callers.requestedBy(principal, body.requestedBy()), failedOnly);
        return HttpResponse.accepted().body(new RerunAccepted(newRun, runId, failedOnly));
    }

    @Post("/runs/{runId}/cancel")
    @Operation(summary = "Ask the tracker to cancel a run")
    @ApiResponse(responseCode = "202", description = "the cancel request is published")
    @ApiResponse(responseCode = "404", description = "no such run")
    @ApiResponse(responseCode = "409", description = "the run has finished")
    @ApiResponse(responseCode = "422", description = "not a run id")
    HttpResponse<RunAccepted> cancel(@PathVariable String runId, @Body @Nullable CancelRequest request,
                                     @Nullable Principal principal) {
        if (RunIds.pipelineOf(runId).isPresent() && runs.isPresent()) {
            RunLookup.KnownRun run = runs.get().find(runId).orElseThrow(() -> new UnknownRunException(runId));
            if (run.status().isTerminal()) {
                throw new TriggerConflictException("runId", "run " + runId + " has finished (" + run.status()
                        + "); there is nothing to cancel");
            }
        }
        publisher.cancel(runId, Callers.requestedBy(principal, request == null ? Optional.empty() : request.requestedBy()));
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

    /**
     * A paused pipeline starts no run, not even a manual one: Airflow would accept the trigger and leave the
     * run queued until the DAG is unpaused, which reads as a hung run; a 409 says why at once.
     */
    private static DeployedPipeline requireUnpaused(DeployedPipeline pipeline) {
        if (pipeline.version().getPaused()) {
            throw new TriggerConflictException("name", "pipeline '" + pipeline.name() + "' is paused; it starts no run"
                    + " until POST /pipelines/" + pipeline.name() + "/unpause");
        }
        return pipeline;
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
                           Optional<Map<String, String>> parameters, Optional<String> requestedBy,
                           Optional<Boolean> force) {
    }

    /**
     * @param failedOnly       rerun only the failed tasks, what is downstream of them and the upstream tasks whose
     *                         records they read; the other tasks keep the old run's outcome (same version only)
     * @param onCurrentVersion rerun on the pipeline's current version when it is not the one the run ran
     */
    @Serdeable
    record RerunRequest(Optional<Integer> priority, Optional<String> idempotencyKey, Optional<String> requestedBy,
                        Optional<Boolean> failedOnly, Optional<Boolean> onCurrentVersion) {

        static final RerunRequest EMPTY = new RerunRequest(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    @Serdeable
    record RerunAccepted(String runId, String rerunOf, boolean failedOnly) {
    }

    /** A fire time of a backfill range that already has its run. */
    @Serdeable
    record AlreadyRan(Instant logicalTime, String runId, String status) {
    }

    @Serdeable
    record BackfillConflict(String message, String field, List<AlreadyRan> alreadyRan) {
    }

    /** A new run a forced backfill started for a fire time that already ran. */
    @Serdeable
    record Rerun(String runId, String rerunOf, Instant logicalTime) {
    }

    @Serdeable
    record CancelRequest(Optional<String> requestedBy) {
    }

    @Serdeable
    record RunAccepted(String runId) {
    }

    @Serdeable
    record BackfillAccepted(String pipeline, List<Instant> logicalTimes, List<String> runIds, List<Rerun> reruns) {
    }
}
