/**
 * Reads {@link io.conveyor.pipeline.spec.PipelineSpec#canonicalJson() canonical pipeline JSON} back into the
 * typed model, so services that receive a pinned pipeline version in a task command work with the same
 * spec the tracker fingerprinted.
 */
package io.conveyor.pipeline.spec.canonical;
