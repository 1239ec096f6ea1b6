package io.conveyor.registry.http;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Runs the registry as its own process. */
@OpenAPIDefinition(info = @Info(title = "Conveyor schema registry", version = "1",
        description = "Confluent Schema Registry's REST API: subjects, versions, schemas by id, compatibility checks "
                + "and configuration (docs/schema-registry.md)."))
public final class SchemaRegistryApplication {

    /** The Micronaut environment that switches the registry's beans on. */
    public static final String ENVIRONMENT = "schema-registry";

    private SchemaRegistryApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).environments(ENVIRONMENT).start();
    }
}
