/**
 * Five-field cron schedules in IANA time zones, with an explicit daylight-saving policy; start at
 * {@link io.conveyor.pipeline.cron.CronSchedule}.
 */
package io.conveyor.pipeline.cron;
