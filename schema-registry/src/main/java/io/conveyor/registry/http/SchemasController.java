package io.conveyor.registry.http;

import io.conveyor.registry.core.SchemaRegistry;
import io.conveyor.security.Roles;
import io.conveyor.registry.core.SchemaVersion;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.util.List;
import java.util.Map;

/** {@code /schemas}: schemas by their global id. */
@Consumes({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
@Produces({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON})
@Controller("/schemas")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.VIEWER)
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
class SchemasController {

    private final SchemaRegistry registry;

    SchemasController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Get("/ids/{id}")
    HttpResponse<String> schema(@PathVariable int id) {
        return RegistryJson.ok(Map.of("schema", registry.schema(id)));
    }

    @Get("/ids/{id}/schema")
    HttpResponse<String> rawSchema(@PathVariable int id) {
        return HttpResponse.ok(registry.schema(id)).contentType(RegistryJson.CONTENT_TYPE);
    }

    @Get("/ids/{id}/subjects")
    HttpResponse<String> subjects(@PathVariable int id, @QueryValue(defaultValue = "false") boolean deleted) {
        return RegistryJson.ok(registry.usages(id, deleted).stream().map(SchemaVersion::subject).distinct().toList());
    }

    @Get("/ids/{id}/versions")
    HttpResponse<String> versions(@PathVariable int id, @QueryValue(defaultValue = "false") boolean deleted) {
        return RegistryJson.ok(registry.usages(id, deleted).stream()
                .map(v -> new SubjectVersion(v.subject(), v.version())).toList());
    }

    @Get("/types")
    HttpResponse<String> types() {
        return RegistryJson.ok(List.of(SchemaRegistry.AVRO));
    }

    record SubjectVersion(String subject, int version) {
    }
}
