/**
 * The pipeline model: immutable records with defaults applied, starting at
 * {@link io.conveyor.pipeline.spec.PipelineSpec}. Load one from YAML with
 * {@link io.conveyor.pipeline.spec.load.PipelineLoader}; the format is described in
 * {@code pipeline/FORMAT.md}.
 */
package io.conveyor.pipeline.spec;
