package io.conveyor.registry.http;

import io.conveyor.registry.core.SchemaRegistry;
import io.conveyor.security.Roles;
import io.conveyor.registry.core.SchemaVersion;
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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.util.List;
import java.util.Map;

/** {@code /subjects}: register, look up, list and delete subject versions. */
@Consumes({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
@Produces({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON})
@Controller("/subjects")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.VIEWER)
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
class SubjectsController {

    private final SchemaRegistry registry;

    SubjectsController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Get
    HttpResponse<String> subjects(@QueryValue(defaultValue = "false") boolean deleted) {
        return RegistryJson.ok(registry.subjects(deleted));
    }

    @Post("/{subject}/versions")
    @Secured(Roles.OPERATOR)
    HttpResponse<String> register(@PathVariable String subject, @Body String body) {
        return RegistryJson.ok(Map.of("id", registry.register(subject, RegistryJson.schemaRequest(body))));
    }

    @Post("/{subject}")
    HttpResponse<String> lookup(@PathVariable String subject, @Body String body,
                                @QueryValue(defaultValue = "false") boolean deleted) {
        return RegistryJson.ok(VersionBody.of(registry.lookup(subject, RegistryJson.schemaRequest(body), deleted)));
    }

    @Get("/{subject}/versions")
    HttpResponse<String> versions(@PathVariable String subject, @QueryValue(defaultValue = "false") boolean deleted) {
        return RegistryJson.ok(registry.versions(subject, deleted));
    }

    @Get("/{subject}/versions/{version}")
    HttpResponse<String> version(@PathVariable String subject, @PathVariable String version,
                                 @QueryValue(defaultValue = "false") boolean deleted) {
        return RegistryJson.ok(VersionBody.of(registry.version(subject, version, deleted)));
    }

    @Get("/{subject}/versions/{version}/schema")
    HttpResponse<String> rawSchema(@PathVariable String subject, @PathVariable String version,
                                   @QueryValue(defaultValue = "false") boolean deleted) {
        return HttpResponse.ok(registry.version(subject, version, deleted).schema()).contentType(RegistryJson.CONTENT_TYPE);
    }

    @Get("/{subject}/versions/{version}/referencedby")
    HttpResponse<String> referencedBy(@PathVariable String subject, @PathVariable String version) {
        registry.version(subject, version, false);
        return RegistryJson.ok(List.of());
    }

    @Delete("/{subject}")
    @Secured(Roles.ADMIN)
    HttpResponse<String> deleteSubject(@PathVariable String subject,
                                       @QueryValue(defaultValue = "false") boolean permanent) {
        return RegistryJson.ok(registry.deleteSubject(subject, permanent));
    }

    @Delete("/{subject}/versions/{version}")
    @Secured(Roles.ADMIN)
    HttpResponse<String> deleteVersion(@PathVariable String subject, @PathVariable String version,
                                       @QueryValue(defaultValue = "false") boolean permanent) {
        return RegistryJson.ok(registry.deleteVersion(subject, version, permanent));
    }

    /** A subject version in Confluent's JSON shape. */
    record VersionBody(String subject, int version, int id, String schema) {

        static VersionBody of(SchemaVersion version) {
            return new VersionBody(version.subject(), version.version(), version.id(), version.schema());
        }
    }
}
