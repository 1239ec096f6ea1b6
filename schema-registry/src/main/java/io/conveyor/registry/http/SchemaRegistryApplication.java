package io.conveyor.registry.http;

import io.micronaut.runtime.Micronaut;

/** Runs the registry as its own process. */
public final class SchemaRegistryApplication {

    /** The Micronaut environment that switches the registry's beans on. */
    public static final String ENVIRONMENT = "schema-registry";

    private SchemaRegistryApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).environments(ENVIRONMENT).start();
    }
}
