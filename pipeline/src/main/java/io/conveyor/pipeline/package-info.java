/** Pipelines as code: the declarative pipeline model, its loader and validator, and cron schedules. */
package io.conveyor.pipeline;
