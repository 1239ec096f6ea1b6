package io.conveyor.pipeline.spec.source;

/** Where an extract task reads records from; the YAML {@code type} key selects the variant. */
public sealed interface SourceSpec permits FileSource, JdbcSource, HttpSource {
}
