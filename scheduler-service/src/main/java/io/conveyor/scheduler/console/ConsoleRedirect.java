package io.conveyor.scheduler.console;

import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * The scheduler's root and {@code /console} lead to the web console's page (served as static files at
 * {@code /console/**}, application-scheduler.yml): the address a person types is the scheduler's own.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Hidden
class ConsoleRedirect {

    static final URI INDEX = URI.create("/console/index.html");

    @Get
    HttpResponse<?> root() {
        return HttpResponse.seeOther(INDEX);
    }

    @Get("/console")
    HttpResponse<?> console() {
        return HttpResponse.seeOther(INDEX);
    }
}
