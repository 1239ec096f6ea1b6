package io.conveyor.scheduler.trigger;

import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.query.RunLookup;
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

/** Turns trigger failures into JSON answers that name the field or pipeline at fault. */
final class TriggerErrorHandlers {

    private TriggerErrorHandlers() {
    }

    /** @param field the request field at fault */
    @Serdeable
    record FieldError(String message, String field) {
    }

    @Produces
    @Singleton
    @Requires(env = SchedulerApplication.ENVIRONMENT)
    static final class InvalidTrigger implements ExceptionHandler<InvalidTriggerException, HttpResponse<FieldError>> {

        @Override
        public HttpResponse<FieldError> handle(HttpRequest request, InvalidTriggerException exception) {
            return HttpResponse.<FieldError>status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(new FieldError(exception.getMessage(), exception.field()));
        }
    }

    @Produces
    @Singleton
    @Requires(env = SchedulerApplication.ENVIRONMENT)
    static final class UnknownPipeline implements ExceptionHandler<UnknownPipelineException, HttpResponse<FieldError>> {

        @Override
        public HttpResponse<FieldError> handle(HttpRequest request, UnknownPipelineException exception) {
            return HttpResponse.<FieldError>status(HttpStatus.NOT_FOUND).body(new FieldError(exception.getMessage(), "name"));
        }
    }

    @Produces
    @Singleton
    @Requires(env = SchedulerApplication.ENVIRONMENT)
    static final class PublishFailed implements ExceptionHandler<TriggerPublishException, HttpResponse<FieldError>> {

        private static final Logger LOG = LoggerFactory.getLogger(PublishFailed.class);

        @Override
        public HttpResponse<FieldError> handle(HttpRequest request, TriggerPublishException exception) {
            LOG.error("{} {} failed: {}", request.getMethod(), request.getPath(), exception.getMessage(), exception);
            return HttpResponse.<FieldError>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new FieldError(exception.getMessage() + "; retrying is safe", "trigger"));
        }
    }

    @Produces
    @Singleton
    @Requires(env = SchedulerApplication.ENVIRONMENT)
    static final class UnknownRun implements ExceptionHandler<UnknownRunException, HttpResponse<FieldError>> {

        @Override
        public HttpResponse<FieldError> handle(HttpRequest request, UnknownRunException exception) {
            return HttpResponse.<FieldError>status(HttpStatus.NOT_FOUND).body(new FieldError(exception.getMessage(), "runId"));
        }
    }

    @Produces
    @Singleton
    @Requires(env = SchedulerApplication.ENVIRONMENT)
    static final class Conflict implements ExceptionHandler<TriggerConflictException, HttpResponse<FieldError>> {

        @Override
        public HttpResponse<FieldError> handle(HttpRequest request, TriggerConflictException exception) {
            return HttpResponse.<FieldError>status(HttpStatus.CONFLICT)
                    .body(new FieldError(exception.getMessage(), exception.field()));
        }
    }

    @Produces
    @Singleton
    @Requires(env = SchedulerApplication.ENVIRONMENT)
    static final class RunsUnavailable implements ExceptionHandler<RunLookup.UnavailableException, HttpResponse<FieldError>> {

        @Override
        public HttpResponse<FieldError> handle(HttpRequest request, RunLookup.UnavailableException exception) {
            return HttpResponse.<FieldError>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new FieldError(exception.getMessage() + "; retrying is safe", "runId"));
        }
    }
}
