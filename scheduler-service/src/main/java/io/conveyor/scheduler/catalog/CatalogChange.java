package io.conveyor.scheduler.catalog;

/** What changed in the catalog; listeners get one per pipelines-topic record they are told about. */
public sealed interface CatalogChange {

    String pipeline();

    /** A pipeline was deployed for the first time or got a new version. */
    record Deployed(DeployedPipeline current) implements CatalogChange {

        @Override
        public String pipeline() {
            return current.name();
        }
    }

    /** A pipeline was deleted, or its stored definition can no longer be read. */
    record Removed(String pipeline) implements CatalogChange {
    }
}
