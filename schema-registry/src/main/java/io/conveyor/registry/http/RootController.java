package io.conveyor.registry.http;

import io.conveyor.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;

import java.util.Map;

/** {@code /} and {@code /mode}: what Confluent clients probe before they start. */
@Consumes({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
@Produces({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON})
@Controller
@Secured(Roles.VIEWER)
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
class RootController {

    @Get
    HttpResponse<String> root() {
        return RegistryJson.ok(Map.of());
    }

    @Get("/mode")
    HttpResponse<String> mode() {
        return RegistryJson.ok(Map.of("mode", "READWRITE"));
    }
}
