package io.conveyor.registry.http;

import io.conveyor.registry.compat.CompatibilityLevel;
import io.conveyor.registry.core.SchemaRegistry;
import io.conveyor.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.util.Map;

/** {@code /config}: global and per-subject compatibility levels. */
@Consumes({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
@Produces({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON})
@Controller("/config")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.VIEWER)
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
class ConfigController {

    private final SchemaRegistry registry;

    ConfigController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Get
    HttpResponse<String> global() {
        return level(registry.globalLevel());
    }

    @Put
    @Secured(Roles.ADMIN)
    HttpResponse<String> setGlobal(@Body String body) {
        return updated(registry.setGlobalLevel(CompatibilityLevel.parse(RegistryJson.compatibility(body))));
    }

    @Delete
    @Secured(Roles.ADMIN)
    HttpResponse<String> clearGlobal() {
        return level(registry.clearGlobalLevel());
    }

    @Get("/{subject}")
    HttpResponse<String> subject(@PathVariable String subject, @QueryValue(defaultValue = "false") boolean defaultToGlobal) {
        return level(registry.subjectLevel(subject, defaultToGlobal));
    }

    @Put("/{subject}")
    @Secured(Roles.ADMIN)
    HttpResponse<String> setSubject(@PathVariable String subject, @Body String body) {
        return updated(registry.setSubjectLevel(subject, CompatibilityLevel.parse(RegistryJson.compatibility(body))));
    }

    @Delete("/{subject}")
    @Secured(Roles.ADMIN)
    HttpResponse<String> clearSubject(@PathVariable String subject) {
        return level(registry.clearSubjectLevel(subject));
    }

    private static HttpResponse<String> level(CompatibilityLevel level) {
        return RegistryJson.ok(Map.of("compatibilityLevel", level.name()));
    }

    private static HttpResponse<String> updated(CompatibilityLevel level) {
        return RegistryJson.ok(Map.of("compatibility", level.name()));
    }
}
