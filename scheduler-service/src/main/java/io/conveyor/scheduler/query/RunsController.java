package io.conveyor.scheduler.query;

import io.conveyor.security.Roles;
import io.micronaut.security.annotation.Secured;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.dag.RunStatus;
import io.conveyor.scheduler.tracker.TrackerConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Run history and run details: {@code GET /runs?pipeline=&status=&offset=&limit=} (newest first)
 * and {@code GET /runs/{runId}}. Any tracker instance answers; see {@link RunQueries}.
 */
@Controller("/runs")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(beans = TrackerConfiguration.class)
class RunsController {

    private static final int DEFAULT_LIMIT = 50;

    private final RunQueries queries;

    RunsController(RunQueries queries) {
        this.queries = queries;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> list(@QueryValue Optional<String> pipeline, @QueryValue Optional<String> status,
            @QueryValue Optional<Integer> offset, @QueryValue Optional<Integer> limit,
            @QueryValue(defaultValue = "false") boolean local) {
        int pageSize = limit.orElse(DEFAULT_LIMIT);
        if (!local && pageSize > RunFilter.MAX_LIMIT) {
            return RunQueries.error(HttpStatus.BAD_REQUEST, "limit must be at most " + RunFilter.MAX_LIMIT);
        }
        Optional<RunStatus> wanted;
        RunFilter filter;
        try {
            wanted = status.map(RunsController::status);
            filter = new RunFilter(pipeline, wanted, offset.orElse(0), pageSize);
        } catch (IllegalArgumentException e) {
            return RunQueries.error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return queries.runs(filter, local);
    }

    @Get(uri = "/{runId}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> run(@PathVariable String runId, @QueryValue(defaultValue = "false") boolean local) {
        return queries.run(runId, local);
    }

    private static RunStatus status(String name) {
        try {
            return RunStatus.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown run status '" + name + "', expected one of "
                    + Arrays.toString(RunStatus.values()), e);
        }
    }
}
