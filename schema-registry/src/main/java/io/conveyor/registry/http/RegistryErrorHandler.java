package io.conveyor.registry.http;

import io.conveyor.registry.core.RegistryException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Produces({RegistryJson.CONTENT_TYPE, RegistryJson.CONTENT_TYPE_V0, MediaType.APPLICATION_JSON})
@Singleton
@Requires(env = SchemaRegistryApplication.ENVIRONMENT)
class RegistryErrorHandler implements ExceptionHandler<RegistryException, HttpResponse<String>> {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryErrorHandler.class);

    @Override
    public HttpResponse<String> handle(HttpRequest request, RegistryException exception) {
        if (exception.httpStatus() >= 500) {
            LOG.error("{} {} failed: {}", request.getMethod(), request.getPath(), exception.getMessage(), exception);
        }
        return RegistryJson.error(exception);
    }
}
