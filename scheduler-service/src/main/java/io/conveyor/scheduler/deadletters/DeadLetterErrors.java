package io.conveyor.scheduler.deadletters;

import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Refusals of the dead-letter endpoints as JSON naming the field: 422 malformed, 404 no pipeline, 409 nothing to do. */
@Produces
@Singleton
@Requires(env = SchedulerApplication.ENVIRONMENT)
final class DeadLetterErrors implements ExceptionHandler<Refused, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, Refused refused) {
        return HttpResponse.status(refused.status())
                .body(new DeadLetterController.Refusal(refused.getMessage(), refused.field(), refused.skipped()));
    }
}
