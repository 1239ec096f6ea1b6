package io.conveyor.transformer;

import io.micronaut.runtime.Micronaut;

/** Entry point of the transformer service when it runs as its own process. */
public final class TransformerApplication {

    /** The Micronaut environment that switches this service's beans on. */
    public static final String ENVIRONMENT = "transformer";

    private TransformerApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).environments(ENVIRONMENT).start();
    }
}
