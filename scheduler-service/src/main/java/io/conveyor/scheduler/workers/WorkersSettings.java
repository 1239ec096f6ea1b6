package io.conveyor.scheduler.workers;

import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * What {@code GET /workers} needs to know beyond the topic prefix, under {@code conveyor.scheduler.workers}.
 *
 * @param extractorGroup the extractors' consumer group (their {@code conveyor.extractor.consumer-group}); the
 *                       other services' groups follow from the topic prefix and the tracker's application id
 */
@ConfigurationProperties("conveyor.scheduler.workers")
@Requires(env = SchedulerApplication.ENVIRONMENT)
public record WorkersSettings(@Bindable(defaultValue = "conveyor-extractor") @NotBlank String extractorGroup) {
}
