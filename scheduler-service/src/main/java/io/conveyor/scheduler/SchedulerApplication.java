package io.conveyor.scheduler;

import io.micronaut.runtime.Micronaut;

/** Entry point of the scheduler service when it runs as its own process. */
public final class SchedulerApplication {

    /** The Micronaut environment that switches this service's beans on. */
    public static final String ENVIRONMENT = "scheduler";

    private SchedulerApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).environments(ENVIRONMENT).start();
    }
}
