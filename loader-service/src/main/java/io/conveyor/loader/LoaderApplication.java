package io.conveyor.loader;

import io.conveyor.dataplane.health.SigtermDrain;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.time.Duration;

/** Entry point of the loader service when it runs as its own process. */
public final class LoaderApplication {

    /** The Micronaut environment that switches this service's beans on. */
    public static final String ENVIRONMENT = "loader";

    private LoaderApplication() {
    }

    public static void main(String[] args) {
        ApplicationContext context = Micronaut.build(args).environments(ENVIRONMENT).start();
        // SIGTERM drains the workers and exits 0 within the grace period (docs/deployment.md).
        SigtermDrain.install("loader", context, context.getProperty(SigtermDrain.GRACE_PERIOD_KEY, Duration.class)
                .orElse(SigtermDrain.DEFAULT_GRACE_PERIOD));
    }
}
