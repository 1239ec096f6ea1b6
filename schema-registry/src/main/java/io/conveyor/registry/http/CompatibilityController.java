package io.conveyor.registry.http;

import io.conveyor.registry.core.SchemaRegistry;
import io.conveyor.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /compatibility}: would this schema be accepted, and if not, why. */
@Consumes({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
@Produces({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON})
@Controller("/compatibility/subjects/{subject}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.VIEWER)
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
class CompatibilityController {

    private final SchemaRegistry registry;

    CompatibilityController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Post("/versions/{version}")
    HttpResponse<String> againstVersion(@PathVariable String subject, @PathVariable String version, @Body String body,
                                        @QueryValue(defaultValue = "false") boolean verbose) {
        return answer(registry.incompatibilities(subject, Optional.of(version), RegistryJson.schemaRequest(body)), verbose);
    }

    @Post("/versions")
    HttpResponse<String> againstLevel(@PathVariable String subject, @Body String body,
                                      @QueryValue(defaultValue = "false") boolean verbose) {
        return answer(registry.incompatibilities(subject, Optional.empty(), RegistryJson.schemaRequest(body)), verbose);
    }

    private static HttpResponse<String> answer(List<String> incompatibilities, boolean verbose) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_compatible", incompatibilities.isEmpty());
        if (verbose) {
            body.put("messages", incompatibilities);
        }
        return RegistryJson.ok(body);
    }
}
