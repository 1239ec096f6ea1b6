package io.conveyor.scheduler.deploy;

import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A deployment that Kafka or the registry failed is worth retrying: 503 with the reason. */
@Produces
@Singleton
@Requires(env = SchedulerApplication.ENVIRONMENT)
class DeployErrorHandler implements ExceptionHandler<DeployException, HttpResponse<DeployErrorHandler.Failure>> {

    private static final Logger LOG = LoggerFactory.getLogger(DeployErrorHandler.class);

    @Serdeable
    record Failure(String message) {
    }

    @Override
    public HttpResponse<Failure> handle(HttpRequest request, DeployException exception) {
        LOG.error("{} {} failed: {}", request.getMethod(), request.getPath(), exception.getMessage(), exception);
        return HttpResponse.<Failure>status(HttpStatus.SERVICE_UNAVAILABLE).body(new Failure(exception.getMessage()));
    }
}
