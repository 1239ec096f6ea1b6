package io.conveyor.scheduler.deploy;

import io.conveyor.security.Roles;
import io.micronaut.security.annotation.Secured;
import io.conveyor.control.PipelineVersion;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.PipelineCatalog;
import io.conveyor.scheduler.query.RunLookup;
import io.conveyor.scheduler.query.RunSummary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;

/** Pauses, unpauses and deletes pipelines; every change is a record on the pipelines topic. */
@Controller("/pipelines")
@Secured(Roles.OPERATOR)
@Requires(env = SchedulerApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "pipelines")
class PipelineLifecycleController {

    /** Active runs named in a refused delete, at most. */
    private static final int ACTIVE_RUNS_SHOWN = 20;

    private final PipelineCatalog catalog;
    private final PipelineDeployer deployer;
    private final PipelineRemoval removal;
    private final Optional<RunLookup> runs;

    PipelineLifecycleController(PipelineCatalog catalog, PipelineDeployer deployer, PipelineRemoval removal,
                                @Nullable RunLookup runs) {
        this.catalog = catalog;
        this.deployer = deployer;
        this.removal = removal;
        this.runs = Optional.ofNullable(runs);
    }

    @Post("/{name}/pause")
    @Operation(summary = "Pause a pipeline: its schedule stops firing and it starts no run until unpaused")
    @ApiResponse(responseCode = "200", description = "paused (also when it already was)")
    @ApiResponse(responseCode = "404", description = "no such pipeline")
    HttpResponse<?> pause(@PathVariable String name) {
        return setPaused(name, true);
    }

    @Post("/{name}/unpause")
    @Operation(summary = "Unpause a pipeline; fire times missed while paused follow its catch-up policy")
    @ApiResponse(responseCode = "200", description = "unpaused (also when it was not paused)")
    @ApiResponse(responseCode = "404", description = "no such pipeline")
    HttpResponse<?> unpause(@PathVariable String name) {
        return setPaused(name, false);
    }

    private HttpResponse<?> setPaused(String name, boolean paused) {
        return deployer.setPaused(name, paused)
                .<HttpResponse<?>>map(version -> HttpResponse.ok(new PauseAnswer(name, version.getVersion(),
                        version.getPaused())))
                .orElseGet(() -> notFound(name));
    }

    @Delete("/{name}")
    @Secured(Roles.ADMIN)
    @Operation(summary = "Delete a pipeline with its data and dead-letter topics and their registry subjects")
    @ApiResponse(responseCode = "200", description = "deleted; the answer lists the topics and subjects deleted")
    @ApiResponse(responseCode = "404", description = "no such pipeline")
    @ApiResponse(responseCode = "409", description = "a run of the pipeline is queued or running")
    @ApiResponse(responseCode = "428", description = "confirm is missing or is not the pipeline's name")
    HttpResponse<?> delete(@PathVariable String name, @QueryValue Optional<String> confirm) {
        Optional<PipelineVersion> latest = catalog.latestVersion(name);
        if (latest.isEmpty()) {
            return notFound(name);
        }
        // A deleted version whose topics are not all gone (an earlier delete failed half-way) is finished.
        boolean finishing = latest.get().getDeleted();
        if (!confirm.filter(name::equals).isPresent()) {
            return HttpResponse.status(HttpStatus.PRECONDITION_REQUIRED).body(new Refusal("deleting pipeline '" + name
                    + "' deletes its data and dead-letter topics; confirm with ?confirm=" + name, "confirm",
                    List.of()));
        }
        if (!finishing && runs.isPresent()) {
            List<String> active = runs.get().active(name, ACTIVE_RUNS_SHOWN).stream().map(RunSummary::runId).toList();
            if (!active.isEmpty()) {
                return HttpResponse.status(HttpStatus.CONFLICT).body(new Refusal("pipeline '" + name + "' has "
                        + active.size() + " queued or running run(s); cancel them (POST /runs/{runId}/cancel) and"
                        + " delete it when they have finished", "name", active));
            }
        }
        return removal.remove(name)
                .<HttpResponse<?>>map(removed -> HttpResponse.ok(new DeleteAnswer(name, removed.version().getVersion(),
                        removed.topics(), removed.subjects())))
                .orElseGet(() -> notFound(name));
    }

    private static HttpResponse<?> notFound(String name) {
        return HttpResponse.status(HttpStatus.NOT_FOUND).body(new Refusal("no pipeline '" + name + "'", "name", List.of()));
    }

    @Serdeable
    record PauseAnswer(String name, int version, boolean paused) {
    }

    @Serdeable
    record DeleteAnswer(String name, int version, List<String> deletedTopics, List<String> deletedSubjects) {
    }

    /** @param activeRuns the runs that keep a pipeline from being deleted */
    @Serdeable
    record Refusal(String message, String field, List<String> activeRuns) {
    }
}
