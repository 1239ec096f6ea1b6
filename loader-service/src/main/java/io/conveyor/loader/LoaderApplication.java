package io.conveyor.loader;

import io.micronaut.runtime.Micronaut;

/** Entry point of the loader service when it runs as its own process. */
public final class LoaderApplication {

    /** The Micronaut environment that switches this service's beans on. */
    public static final String ENVIRONMENT = "loader";

    private LoaderApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).environments(ENVIRONMENT).start();
    }
}
