package io.conveyor.scheduler.deadletters;

import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Refusals of the dead-letter endpoints as JSON naming the field: 422 malformed, 404 no pipeline, 409 nothing to do. */
final class DeadLetterErrors {

    private DeadLetterErrors() {
    }

    @Produces
    @Singleton
    @Requires(env = SchedulerApplication.ENVIRONMENT)
    static final class Malformed implements ExceptionHandler<DeadLetterController.BadSelection, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, DeadLetterController.BadSelection e) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(new DeadLetterController.Refusal(e.getMessage(), e.field(), null));
        }
    }

    @Produces
    @Singleton
    @Requires(env = SchedulerApplication.ENVIRONMENT)
    static final class Nothing implements ExceptionHandler<DeadLetterDesk.NothingToDo, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, DeadLetterDesk.NothingToDo e) {
            return HttpResponse.status(HttpStatus.CONFLICT)
                    .body(new DeadLetterController.Refusal(e.getMessage(), "selection", e.skipped()));
        }
    }

    @Produces
    @Singleton
    @Requires(env = SchedulerApplication.ENVIRONMENT)
    static final class Unavailable implements ExceptionHandler<DeadLetterDesk.PipelineUnavailable, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, DeadLetterDesk.PipelineUnavailable e) {
            return HttpResponse.status(e.missing() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT)
                    .body(new DeadLetterController.Refusal(e.getMessage(), "name", null));
        }
    }
}
