package io.conveyor.scheduler.workers;

import io.conveyor.kafka.groups.ConsumerGroupReadException;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/**
 * {@code GET /workers}: the services' consumer groups, their members, partitions and lag, as
 * {@code conveyor workers} shows them (the same reader, from kafka-support), for the web console's
 * workers view.
 */
@Controller("/workers")
@Secured(Roles.VIEWER)
@Requires(env = SchedulerApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "workers")
class WorkersController {

    private final WorkerGroups groups;

    WorkersController(WorkerGroups groups) {
        this.groups = groups;
    }

    @Get("{?service}")
    @Operation(summary = "List the services' consumer groups with their members, assigned partitions and consumer lag")
    @ApiResponse(responseCode = "200", description = "{services: [{service, groups, members, lag}], groups: [...]}")
    @ApiResponse(responseCode = "400", description = "service is not scheduler, extractor, transformer or loader")
    @ApiResponse(responseCode = "503", description = "Kafka did not answer")
    HttpResponse<?> list(@Nullable @QueryValue String service) {
        if (service != null && !WorkersView.SERVICES.contains(service)) {
            return HttpResponse.badRequest(Map.of("message", "service must be one of " + WorkersView.SERVICES + ", was '"
                    + service + "'", "field", "service"));
        }
        try {
            return HttpResponse.ok(WorkersView.of(groups.read(), service));
        } catch (ConsumerGroupReadException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("message", e.getMessage()));
        }
    }
}
