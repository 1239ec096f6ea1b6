package io.conveyor.scheduler.alerts;

import io.conveyor.kafka.KafkaConnection;
import io.conveyor.scheduler.SchedulerApplication;
import io.conveyor.scheduler.catalog.ControlPlaneSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The alert notifier of this scheduler replica: started with the context when at least one webhook
 * channel is defined (without channels, alerts are on the alerts topic only and there is nothing to
 * deliver). Every replica runs one; they share a consumer group.
 */
@Factory
@Requires(env = SchedulerApplication.ENVIRONMENT)
class AlertFactory {

    /** Alerts older than this when read are not delivered (docs/alerts.md). */
    static final Duration MAX_AGE = Duration.ofHours(24);

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = AlertSettings.WEBHOOKS_KEY)
    AlertNotifier alertNotifier(AlertSettings settings, KafkaConnection kafka, Clock clock, MeterRegistry meters) {
        List<WebhookChannel> channels = settings.channels();
        String prefix = ControlPlaneSettings.topics(kafka).prefix();
        AlertNotifier notifier = new AlertNotifier(ControlPlaneSettings.clientConfig(kafka),
                ControlPlaneSettings.topics(kafka).alerts(), prefix + ".alert-notifier", channels,
                new WebhookSender(settings.deliveryPolicy(), settings.requestTimeout(), duration -> Thread.sleep(duration.toMillis())),
                MAX_AGE, clock, meters);
        notifier.start();
        return notifier;
    }
}
