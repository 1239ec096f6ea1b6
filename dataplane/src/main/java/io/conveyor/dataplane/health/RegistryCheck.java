package io.conveyor.dataplane.health;

import io.conveyor.serde.registry.SchemaRegistryClient;

/** The schema registry answers when it tells its global compatibility level ({@code GET /config}). */
public final class RegistryCheck implements DependencyMonitor.Check {

    private final SchemaRegistryClient registry;

    public RegistryCheck(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "schema-registry";
    }

    @Override
    public void check() {
        registry.compatibilityLevel();
    }
}
