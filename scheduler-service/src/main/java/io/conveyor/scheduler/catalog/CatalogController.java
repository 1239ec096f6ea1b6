package io.conveyor.scheduler.catalog;

import io.conveyor.security.Roles;
import io.micronaut.security.annotation.Secured;
import io.conveyor.pipeline.cron.CronSchedule;
import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.TaskSpec;
import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.validation.Validated;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Read access to the deployed pipelines. */
@Controller("/pipelines")
@Secured(Roles.VIEWER)
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Tag(name = "pipelines")
@Validated
class CatalogController {

    private final PipelineCatalog catalog;
    private final Clock clock;

    CatalogController(PipelineCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Get
    @Operation(summary = "The deployed pipelines with their current version and next fire time")
    List<PipelineSummary> list() {
        Instant now = clock.instant();
        return catalog.pipelines().stream().map(pipeline -> PipelineSummary.of(pipeline, now)).toList();
    }

    @Get("/{name}")
    @Operation(summary = "A pipeline's current version, definition, schedule and next fire times")
    HttpResponse<PipelineDetails> get(@PathVariable String name,
                                      @QueryValue(defaultValue = "5") @Min(0) @Max(1000) int next) {
        Instant now = clock.instant();
        return catalog.pipeline(name)
                .map(pipeline -> HttpResponse.ok(PipelineDetails.of(pipeline, now, next)))
                .orElseGet(HttpResponse::notFound);
    }

    private static List<Instant> upcoming(PipelineSpec spec, Instant now, int count) {
        return spec.schedule().map(schedule -> schedule.nextN(now, spec.timezone(), count)).orElse(List.of()).stream()
                .map(ZonedDateTime::toInstant).toList();
    }

    @Serdeable
    record PipelineSummary(String name, int version, Optional<String> schedule, String timezone,
                           Optional<Instant> nextFireTime, boolean paused) {

        static PipelineSummary of(DeployedPipeline pipeline, Instant now) {
            PipelineSpec spec = pipeline.spec();
            return new PipelineSummary(pipeline.name(), pipeline.versionNumber(), spec.schedule().map(CronSchedule::expression),
                    spec.timezone().getId(), upcoming(spec, now, 1).stream().findFirst(), pipeline.version().getPaused());
        }
    }

    @Serdeable
    record PipelineDetails(String name, int version, String fingerprint, Instant deployedAt, Optional<String> deployedBy,
                           Optional<String> sourceFile, Optional<String> description, Optional<String> schedule,
                           String timezone, String catchup, int maxCatchupRuns, int maxActiveRuns,
                           List<String> tasks, List<Instant> nextFireTimes, String definition, boolean paused,
                           List<TaskNode> graph) {

        static PipelineDetails of(DeployedPipeline pipeline, Instant now, int next) {
            PipelineSpec spec = pipeline.spec();
            return new PipelineDetails(pipeline.name(), pipeline.versionNumber(), pipeline.version().getFingerprint(),
                    pipeline.version().getDeployedAt(), Optional.ofNullable(pipeline.version().getDeployedBy()),
                    Optional.ofNullable(pipeline.version().getSourceFile()), spec.description(),
                    spec.schedule().map(CronSchedule::expression), spec.timezone().getId(),
                    spec.catchup().name().toLowerCase(Locale.ROOT), spec.maxCatchupRuns(), spec.maxActiveRuns(),
                    spec.topologicalOrder().stream().map(TaskSpec::id).toList(),
                    upcoming(spec, now, next), pipeline.version().getDefinition(), pipeline.version().getPaused(),
                    spec.topologicalOrder().stream().map(task -> new TaskNode(task.id(),
                            task.kind().name().toLowerCase(Locale.ROOT), task.dependsOn())).toList());
        }
    }

    /**
     * One task of the pipeline's graph, in topological order, for the web console's run graph (the
     * definition's YAML would otherwise have to be parsed again in the browser).
     */
    @Serdeable
    record TaskNode(String id, String kind, List<String> dependsOn) {
    }
}
