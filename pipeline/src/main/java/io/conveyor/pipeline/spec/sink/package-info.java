/** Where load tasks write to: one record per sink type of {@link io.conveyor.pipeline.spec.sink.SinkSpec}. */
package io.conveyor.pipeline.spec.sink;
