package io.conveyor.extractor;

import io.conveyor.dataplane.health.SigtermDrain;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.time.Duration;

/** Entry point of the extractor service when it runs as its own process. */
public final class ExtractorApplication {

    /** The Micronaut environment that switches this service's beans on. */
    public static final String ENVIRONMENT = "extractor";

    private ExtractorApplication() {
    }

    public static void main(String[] args) {
        ApplicationContext context = Micronaut.build(args).environments(ENVIRONMENT).start();
        // SIGTERM drains the workers and exits 0 within the grace period (docs/deployment.md).
        SigtermDrain.install("extractor", context, context.getProperty(SigtermDrain.GRACE_PERIOD_KEY, Duration.class)
                .orElse(SigtermDrain.DEFAULT_GRACE_PERIOD));
    }
}
