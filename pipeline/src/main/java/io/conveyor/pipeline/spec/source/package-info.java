/** Where extract tasks read from: one record per source type of {@link io.conveyor.pipeline.spec.source.SourceSpec}. */
package io.conveyor.pipeline.spec.source;
