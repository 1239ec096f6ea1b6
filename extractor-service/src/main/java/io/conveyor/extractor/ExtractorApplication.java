package io.conveyor.extractor;

import io.micronaut.runtime.Micronaut;

/** Entry point of the extractor service when it runs as its own process. */
public final class ExtractorApplication {

    /** The Micronaut environment that switches this service's beans on. */
    public static final String ENVIRONMENT = "extractor";

    private ExtractorApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).environments(ENVIRONMENT).start();
    }
}
