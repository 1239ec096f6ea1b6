package io.conveyor.scheduler.trigger;

import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * Backfill limits, under {@code conveyor.scheduler.backfill}.
 *
 * @param maxRuns the most fire times one backfill request may cover
 */
@ConfigurationProperties("conveyor.scheduler.backfill")
@Requires(env = SchedulerApplication.ENVIRONMENT)
public record BackfillSettings(@Bindable(defaultValue = "10000") @Min(1) int maxRuns) {
}
