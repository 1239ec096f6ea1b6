package io.conveyor.scheduler.schedule;

import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;

/**
 * The cron firing loop, under {@code conveyor.scheduler.cron}.
 *
 * @param enabled          whether this instance fires schedules at all
 * @param tick             pause between two scheduling passes ({@code conveyor.scheduler.cron.tick}, read by
 *                         {@code CronTicker})
 * @param onTimeTolerance  how late a fire time may be seen and still count as on time rather than missed
 * @param instanceId       names this replica's transactional producer; a random id when absent
 */
@ConfigurationProperties("conveyor.scheduler.cron")
@Requires(env = SchedulerApplication.ENVIRONMENT)
public record CronSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1s") @NotNull Duration tick,
        @Bindable(defaultValue = "10s") @NotNull Duration onTimeTolerance,
        Optional<String> instanceId) {
}
