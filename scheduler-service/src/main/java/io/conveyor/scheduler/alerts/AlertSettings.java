package io.conveyor.scheduler.alerts;

import io.conveyor.dataplane.failure.FailurePolicy;
import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where alerts are delivered and how hard the scheduler tries, under {@code conveyor.alerts}
 * (docs/alerts.md, docs/configuration-scheduler.md).
 *
 * @param webhooks         {@code name:format:url} entries, format {@code json} or {@code slack}; from the
 *                         environment ({@code CONVEYOR_ALERTS_WEBHOOKS}) since a URL may hold a token
 * @param retries          retries of a delivery that failed transiently (no answer, 408, 429, 5xx)
 * @param backoff          the pause before the first retry; each further one doubles it up to {@code maxBackoff}
 * @param maxBackoff       the longest pause between two tries
 * @param maxRetryDuration how long one delivery may be retried in all
 * @param requestTimeout   how long one call may take
 */
@ConfigurationProperties(AlertSettings.PREFIX)
@Requires(env = SchedulerApplication.ENVIRONMENT)
public record AlertSettings(
        @Bindable(defaultValue = "") @NotNull List<String> webhooks,
        @Bindable(defaultValue = "6") @Min(0) int retries,
        @Bindable(defaultValue = "1s") @NotNull Duration backoff,
        @Bindable(defaultValue = "30s") @NotNull Duration maxBackoff,
        @Bindable(defaultValue = "2m") @NotNull Duration maxRetryDuration,
        @Bindable(defaultValue = "10s") @NotNull Duration requestTimeout) {

    public static final String PREFIX = "conveyor.alerts";
    /** The key of {@link #webhooks}, named when a pipeline names a channel that is not defined. */
    public static final String WEBHOOKS_KEY = PREFIX + ".webhooks";

    /** The channels, checked: a bad entry stops the scheduler's start naming it (never its URL). */
    public List<WebhookChannel> channels() {
        return WebhookChannel.parse(webhooks, WEBHOOKS_KEY);
    }

    public Set<String> channelNames() {
        return channels().stream().map(WebhookChannel::name).collect(Collectors.toUnmodifiableSet());
    }

    /** The retry budget of one delivery to one channel, with the workers' jitter. */
    public FailurePolicy deliveryPolicy() {
        return new FailurePolicy(retries, backoff, maxBackoff.compareTo(backoff) < 0 ? backoff : maxBackoff, maxRetryDuration,
                FailurePolicy.defaults().jitter());
    }
}
