/**
 * Reading and validating pipeline YAML: {@link io.conveyor.pipeline.spec.load.PipelineLoader} returns a
 * {@link io.conveyor.pipeline.spec.PipelineSpec} or throws a
 * {@link io.conveyor.pipeline.spec.load.PipelineValidationException} listing every problem with its
 * file, line, column and field path.
 */
package io.conveyor.pipeline.spec.load;
