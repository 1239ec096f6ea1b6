package io.conveyor.scheduler;

import io.conveyor.dataplane.health.SigtermDrain;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.time.Duration;

/** Entry point of the scheduler service when it runs as its own process. */
@OpenAPIDefinition(info = @Info(title = "Conveyor scheduler", version = "1",
        description = "Deploy, pause, unpause and delete pipelines; trigger, backfill, cancel and rerun runs; query runs "
                + "(docs/scheduler-api.md). The document is generated from the controllers when the service is built."))
public final class SchedulerApplication {

    /** The Micronaut environment that switches this service's beans on. */
    public static final String ENVIRONMENT = "scheduler";

    private SchedulerApplication() {
    }

    public static void main(String[] args) {
        ApplicationContext context = Micronaut.build(args).environments(ENVIRONMENT).start();
        // SIGTERM drains the workers and exits 0 within the grace period (docs/deployment.md).
        SigtermDrain.install("scheduler", context, context.getProperty(SigtermDrain.GRACE_PERIOD_KEY, Duration.class)
                .orElse(SigtermDrain.DEFAULT_GRACE_PERIOD));
    }
}
