package io.conveyor.scheduler.tracker;

import io.conveyor.scheduler.SchedulerApplication;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the DAG tracker, under {@code conveyor.tracker}; documented in
 * docs/configuration-scheduler-tracker.md. The tracker starts only when {@code conveyor.tracker.enabled}
 * is true; it reaches Kafka and the registry through the shared {@code conveyor.kafka.*}.
 *
 * @param enabled whether this scheduler runs the DAG tracker (and answers run queries)
 * @param applicationServer this instance's {@code host:port} as other tracker instances reach its
 *     HTTP server; Kafka Streams publishes it so run queries can be routed to the owner of a run
 * @param commitInterval Kafka Streams {@code commit.interval.ms}: under exactly-once the tracker's
 *     task commands and run events become visible only when its transaction commits, so this bounds
 *     the trigger-to-first-command latency (Kafka Streams' own EOS default is 100ms)
 * @param standbyReplicas Kafka Streams {@code num.standby.replicas}: warm copies of each run store on
 *     other instances, so that the instance taking over a failed one's runs needs no restore from
 *     the changelog before it answers queries and advances runs
 * @param instanceId this instance's stable name in the consumer group (static membership,
 *     {@code group.instance.id}): a restarted instance takes its place in the group back at once
 *     instead of waiting for its former self's session to time out. Absent: dynamic membership,
 *     and the instance leaves the group when it closes
 */
@ConfigurationProperties("conveyor.tracker")
@Requires(env = SchedulerApplication.ENVIRONMENT)
@Requires(property = TrackerConfiguration.ENABLED_KEY, value = "true")
public record TrackerConfiguration(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "conveyor-tracker") @NotBlank String applicationId,
        @NotBlank String stateDir,
        @NotBlank String applicationServer,
        @Bindable(defaultValue = "1s") @NotNull Duration tickInterval,
        @Bindable(defaultValue = "7d") @NotNull Duration retention,
        @Bindable(defaultValue = "1") @Min(1) int streamThreads,
        @Bindable(defaultValue = "-1") int replicationFactor,
        @Bindable(defaultValue = "0") @Min(0) int standbyReplicas,
        @Bindable(defaultValue = "30s") @NotNull Duration queryTimeout,
        @Bindable(defaultValue = "25ms") @NotNull Duration commitInterval,
        Optional<String> instanceId) {

    /** The switch of the tracker. */
    public static final String ENABLED_KEY = "conveyor.tracker.enabled";
}
